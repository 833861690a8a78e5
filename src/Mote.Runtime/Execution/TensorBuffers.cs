using System.Runtime.InteropServices;

namespace Mote.Runtime.Execution;

/// <summary>
/// Where every tensor of the running subgraph lives: a slice of the arena (activations), of the persistent
/// buffer (variables) or of its own constant array. Kernels address tensors by index through this table, and their
/// scratch and persistent buffers by the index their Prepare was given.
/// </summary>
internal sealed class TensorBuffers
{
    private readonly Slot[] _slots;
    private readonly Slot[] _scratch;
    private readonly Slot[] _persistent;

    public TensorBuffers(Slot[] slots, Slot[] scratch, Slot[] persistent)
    {
        _slots = slots;
        _scratch = scratch;
        _persistent = persistent;
    }

    public Span<byte> Bytes(int tensor)
    {
        var slot = _slots[tensor];
        return slot.Buffer.AsSpan(slot.Offset, slot.Length);
    }

    public Span<T> Get<T>(int tensor)
        where T : struct => MemoryMarshal.Cast<byte, T>(Bytes(tensor));

    public Span<T> Scratch<T>(int scratchIndex)
        where T : struct
    {
        var slot = _scratch[scratchIndex];
        return MemoryMarshal.Cast<byte, T>(slot.Buffer.AsSpan(slot.Offset, slot.Length));
    }

    public Span<T> Persistent<T>(int persistentIndex)
        where T : struct
    {
        var slot = _persistent[persistentIndex];
        return MemoryMarshal.Cast<byte, T>(slot.Buffer.AsSpan(slot.Offset, slot.Length));
    }

    /// <summary>A tensor's storage: a buffer, a byte offset into it and a length in bytes.</summary>
    internal readonly record struct Slot(byte[] Buffer, int Offset, int Length);
}
