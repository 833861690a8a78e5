namespace Mote.Data.Audio;

/// <summary>A front end's float features for many clips at once, computed in parallel over the clips.</summary>
public static class ClipFeatures
{
    /// <summary>
    /// One row of <see cref="AudioFrontEnd.FeatureCount"/> features per clip, back to back. The features come from
    /// 16-bit samples through integer arithmetic, so every value is finite: no NaN or infinity reaches a model.
    /// </summary>
    public static float[] Compute(AudioFrontEnd frontEnd, IReadOnlyList<short[]> clips)
    {
        var size = frontEnd.FeatureCount;
        var features = new float[checked(clips.Count * size)];
        Parallel.For(0, clips.Count, i => frontEnd.FloatFeatures(clips[i]).CopyTo(features, i * size));
        return features;
    }
}
