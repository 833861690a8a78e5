namespace Mote.Compress.Tests;

/// <summary>Test classes that need the trained Fashion-MNIST CNN share one instance (training it takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class FashionCollection : ICollectionFixture<TrainedFashionMnist>
{
    public const string Name = "trained Fashion-MNIST CNN";
}
