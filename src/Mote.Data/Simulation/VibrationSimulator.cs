namespace Mote.Data.Simulation;

/// <summary>
/// Synthesises accelerometer windows of a rotating machine. The shaft angle θ(t) is integrated from a speed that
/// differs per window (±2%) and wobbles within it; shaft-related faults add sinusoids in multiples of θ, and bearing
/// defects add periodic impacts (one per defect passage, with 1% slip jitter) each ringing the machine's structural
/// resonance as a decaying sine. Broadband forcing of that resonance and white sensor noise are always present.
/// The result depends only on the machine, the condition, the severity and the generator's state.
/// </summary>
public sealed class VibrationSimulator
{
    private const double TwoPi = 2 * Math.PI;

    public VibrationSimulator(int sampleRate, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        SampleRate = sampleRate;
        Samples = samples;
    }

    public int SampleRate { get; }

    public int Samples { get; }

    public VibrationWindow Simulate(Machine machine, MachineCondition condition, double severity, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(severity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(severity, 1);
        severity = condition == MachineCondition.Healthy ? 0 : severity;

        // A lead-in lets impacts and the resonance that started before the window ring into it.
        int leadIn = SampleRate / 50;
        int total = leadIn + Samples;
        double shaftHz = machine.ShaftHz * (1 + (0.02 * Symmetric(random)));
        double[] theta = ShaftAngle(shaftHz, total, random);
        var radial = new double[total];
        var axial = new double[total];

        for (int k = 1; k <= machine.HarmonicAmplitudes.Length; k++)
        {
            double amplitude = machine.HarmonicAmplitudes[k - 1];
            AddOrder(radial, theta, k, amplitude, random);
            AddOrder(axial, theta, k, amplitude * machine.AxialRatio, random);
        }

        AddFault(machine, condition, severity, theta, radial, axial, random);
        AddResonantNoise(machine, radial, machine.StructuralNoise, random);
        AddResonantNoise(machine, axial, machine.StructuralNoise * machine.AxialRatio, random);

        var radialOut = new float[Samples];
        var axialOut = new float[Samples];
        for (int i = 0; i < Samples; i++)
        {
            radialOut[i] = (float)(radial[leadIn + i] + (machine.SensorNoise * random.NextGaussian()));
            axialOut[i] = (float)(axial[leadIn + i] + (machine.SensorNoise * random.NextGaussian()));
        }

        double meanHz = (theta[^1] - theta[leadIn]) / TwoPi * SampleRate / Math.Max(1, Samples - 1);
        return new VibrationWindow(condition, severity, meanHz, SampleRate, radialOut, axialOut);
    }

    private static double Symmetric(SeededRandom random) => (2 * random.NextSingle()) - 1;

    /// <summary>θ at every sample: a random start angle, then the integral of a speed with a slow 0.3–1% wobble.</summary>
    private double[] ShaftAngle(double shaftHz, int total, SeededRandom random)
    {
        double wobbleDepth = 0.003 + (0.007 * random.NextSingle());
        double wobbleHz = 0.5 + (1.5 * random.NextSingle());
        double wobblePhase = TwoPi * random.NextSingle();
        var theta = new double[total];
        theta[0] = TwoPi * random.NextSingle();
        for (int i = 1; i < total; i++)
        {
            double t = (double)i / SampleRate;
            double hz = shaftHz * (1 + (wobbleDepth * Math.Sin((TwoPi * wobbleHz * t) + wobblePhase)));
            theta[i] = theta[i - 1] + (TwoPi * hz / SampleRate);
        }

        return theta;
    }

    /// <summary>Adds <c>amplitude · sin(order · θ + φ)</c> with a random phase φ.</summary>
    private static void AddOrder(double[] signal, double[] theta, double order, double amplitude, SeededRandom random)
    {
        double phase = TwoPi * random.NextSingle();
        for (int i = 0; i < signal.Length; i++)
        {
            signal[i] += amplitude * Math.Sin((order * theta[i]) + phase);
        }
    }

    private void AddFault(Machine machine, MachineCondition condition, double severity, double[] theta, double[] radial, double[] axial, SeededRandom random)
    {
        switch (condition)
        {
            case MachineCondition.Healthy:
                return;
            case MachineCondition.Imbalance:
                double imbalance = 0.12 + (0.3 * severity);
                AddOrder(radial, theta, 1, imbalance, random);
                AddOrder(axial, theta, 1, 0.1 * imbalance, random);
                return;
            case MachineCondition.Misalignment:
                double misalignment = 0.06 + (0.2 * severity);
                AddOrder(radial, theta, 2, misalignment, random);
                AddOrder(axial, theta, 1, 0.6 * misalignment, random);
                AddOrder(axial, theta, 2, 1.2 * misalignment, random);
                return;
            case MachineCondition.Looseness:
                // Harmonics up to 10× falling off slowly, and the half orders a rattling part adds.
                double looseness = 0.03 + (0.1 * severity);
                for (int k = 1; k <= 10; k++)
                {
                    double amplitude = looseness * Math.Pow(0.8, k - 1) * (0.5 + random.NextSingle());
                    AddOrder(radial, theta, k, amplitude, random);
                    AddOrder(axial, theta, k, 0.5 * amplitude, random);
                }

                for (int k = 0; k < 4; k++)
                {
                    double amplitude = 0.4 * looseness * Math.Pow(0.8, k);
                    AddOrder(radial, theta, k + 0.5, amplitude, random);
                    AddOrder(axial, theta, k + 0.5, 0.5 * amplitude, random);
                }

                return;
            default:
                AddImpacts(machine, condition, 0.3 + (1.2 * severity), theta, radial, axial, random);
                return;
        }
    }

    /// <summary>
    /// One impact each time the defect passes a contact: when <c>impactsPerRevolution · (θ − θ₀) / 2π</c> crosses an
    /// integer (located between samples by linear interpolation, then jittered by 1% of the period for slip). Each
    /// impact rings the resonance as <c>a · e^(−ζω t) · sin(ω_d t)</c>. The strength a is constant for the outer race,
    /// follows the shaft angle through the load zone for the inner race, and for a ball alternates between the races
    /// and follows the cage.
    /// </summary>
    private void AddImpacts(Machine machine, MachineCondition condition, double strength, double[] theta, double[] radial, double[] axial, SeededRandom random)
    {
        double perRevolution = machine.ImpactsPerRevolution(condition);
        double cagePerRevolution = machine.Bearing.CageHz(1);
        double omega = TwoPi * machine.ResonanceHz;
        double decay = machine.DampingRatio * omega;
        double omegaDamped = omega * Math.Sqrt(1 - (machine.DampingRatio * machine.DampingRatio));
        int ringSamples = (int)Math.Ceiling(Math.Log(1000) / decay * SampleRate);
        double loadPhase = TwoPi * random.NextSingle();
        double cyclesOffset = random.NextSingle();

        double Cycles(int i) => (perRevolution * (theta[i] - theta[0]) / TwoPi) + cyclesOffset;
        int impact = 0;
        for (int i = 1; i < theta.Length; i++)
        {
            double before = Cycles(i - 1);
            double after = Cycles(i);
            if (Math.Floor(after) <= Math.Floor(before))
            {
                continue;
            }

            double samplesPerImpact = TwoPi / perRevolution / (theta[i] - theta[i - 1]);
            double at = i - 1 + ((Math.Floor(after) - before) / (after - before)) + (0.01 * samplesPerImpact * random.NextGaussian());
            double angle = theta[i];
            double amplitude = condition switch
            {
                MachineCondition.OuterRace => strength * (1 + (0.1 * random.NextGaussian())),
                MachineCondition.InnerRace => strength * (1 + (0.8 * Math.Cos(angle + loadPhase))) / 1.8,
                _ => strength * (impact % 2 == 0 ? 1 : 0.6) * (1 + (0.5 * Math.Cos((cagePerRevolution * angle) + loadPhase))) / 1.5,
            };
            impact++;
            int first = Math.Max(0, (int)Math.Ceiling(at));
            int last = Math.Min(theta.Length, first + ringSamples);
            for (int j = first; j < last; j++)
            {
                double t = (j - at) / SampleRate;
                double ring = amplitude * Math.Exp(-decay * t) * Math.Sin(omegaDamped * t);
                radial[j] += ring;
                axial[j] += machine.AxialRatio * ring;
            }
        }
    }

    /// <summary>
    /// White noise through a two-pole resonator at the machine's resonance (poles at r·e^(±iω_d/fs), r = e^(−ζω/fs)),
    /// scaled by the resonator's variance gain so that the added noise has RMS <paramref name="rms"/>.
    /// </summary>
    private void AddResonantNoise(Machine machine, double[] signal, double rms, SeededRandom random)
    {
        double omega = TwoPi * machine.ResonanceHz / SampleRate;
        double r = Math.Exp(-machine.DampingRatio * omega);
        double a1 = 2 * r * Math.Cos(omega * Math.Sqrt(1 - (machine.DampingRatio * machine.DampingRatio)));
        double a2 = -r * r;

        // Variance of the AR(2) process y = a1·y₁ + a2·y₂ + e for unit-variance e.
        double gain = (1 - a2) / ((1 + a2) * (((1 - a2) * (1 - a2)) - (a1 * a1)));
        double scale = rms / Math.Sqrt(gain);
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < signal.Length; i++)
        {
            double y = (a1 * y1) + (a2 * y2) + random.NextGaussian();
            signal[i] += scale * y;
            y2 = y1;
            y1 = y;
        }
    }
}
