using Mote.Data;
using Mote.Graph;

namespace Mote.Compress.Tests;

/// <summary>Top-1 accuracy of a classifier on labelled images, run in Mote's interpreter.</summary>
public static class ModelAccuracy
{
    public static double Measure(Model model, LabeledImages images) =>
        ClassifierAccuracy.Measure(model, TrainedFashionMnist.Images(images), images.Labels);
}
