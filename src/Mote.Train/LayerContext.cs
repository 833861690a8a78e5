using Mote.Data;

namespace Mote.Train;

/// <summary>What one forward/backward pass tells its layers: the batch size, training or inference, and the random source for dropout.</summary>
public sealed record LayerContext(int Batch, bool Training, SeededRandom Random);
