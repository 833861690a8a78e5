namespace Mote.Data.Audio;

/// <summary>
/// The clips of a WAV data folder split for training, in either layout: <c>FOLDER/{train,validation,test}/CLASS/*.wav</c>
/// (validation and test optional, labelled by the training classes), or <c>FOLDER/CLASS/*.wav</c>, of which a seeded
/// fraction is held out for validation and nothing for test. Only listed here; each loader reads the clips its way.
/// </summary>
public sealed record WavSplits(WavListing Train, WavListing? Validation, WavListing? Test)
{
    public static WavSplits List(string folder, double validationFraction, ulong seed)
    {
        var trainFolder = Path.Combine(folder, "train");
        if (!WavFolder.HoldsClasses(trainFolder))
        {
            var all = WavFolder.List(folder);
            var split = DataSplit.Create(all.Count, validationFraction, 0, seed);
            return new WavSplits(all.Select(split.Train), split.Validation.Length > 0 ? all.Select(split.Validation) : null, null);
        }

        var train = WavFolder.List(trainFolder);
        WavListing? Optional(string name)
        {
            var path = Path.Combine(folder, name);
            return WavFolder.HoldsClasses(path) ? WavFolder.List(path, train.ClassNames) : null;
        }

        return new WavSplits(train, Optional("validation"), Optional("test"));
    }
}
