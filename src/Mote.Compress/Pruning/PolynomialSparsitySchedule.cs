namespace Mote.Compress.Pruning;

/// <summary>
/// Zhu and Gupta's gradual pruning schedule: sparsity rises from <see cref="Initial"/> to <see cref="Final"/> between
/// <see cref="BeginStep"/> and <see cref="EndStep"/> as s = final + (initial − final)·(1 − progress)³, fast at first
/// while the network has redundant weights to lose and slowly near the end; masks change every
/// <see cref="Frequency"/> steps so the network can recover in between.
/// </summary>
public sealed record PolynomialSparsitySchedule
{
    public PolynomialSparsitySchedule(double final, long beginStep, long endStep, long frequency, double initial = 0, double power = 3)
    {
        if (final is < 0 or >= 1 || initial < 0 || initial > final)
        {
            throw new ArgumentOutOfRangeException(nameof(final), $"sparsities must satisfy 0 ≤ initial ({initial}) ≤ final ({final}) < 1");
        }

        if (beginStep < 0 || endStep < beginStep || frequency <= 0 || power <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(endStep), $"needs 0 ≤ begin ({beginStep}) ≤ end ({endStep}), frequency ({frequency}) > 0, power ({power}) > 0");
        }

        Final = final;
        Initial = initial;
        BeginStep = beginStep;
        EndStep = endStep;
        Frequency = frequency;
        Power = power;
    }

    public double Final { get; }

    public double Initial { get; }

    public long BeginStep { get; }

    public long EndStep { get; }

    public long Frequency { get; }

    public double Power { get; }

    /// <summary>The target sparsity after <paramref name="step"/> optimizer steps.</summary>
    public double At(long step)
    {
        if (step <= BeginStep)
        {
            return Initial;
        }

        if (step >= EndStep)
        {
            return Final;
        }

        var progress = (double)(step - BeginStep) / (EndStep - BeginStep);
        return Final + (Initial - Final) * Math.Pow(1 - progress, Power);
    }

    /// <summary>Whether the masks are recomputed after <paramref name="step"/>: on the frequency grid from the first step up to the end step.</summary>
    public bool UpdatesAt(long step) =>
        step >= BeginStep && step <= EndStep && ((step - BeginStep) % Frequency == 0 || step == EndStep);
}
