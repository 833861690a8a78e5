using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using Mote.Data.Audio;

namespace Mote.Data.Synthesis;

/// <summary>
/// The espeak-ng speech synthesizer (a Debian package), run as a process per utterance. Its output for the same
/// arguments is the same bytes every time, which keeps the synthesized data sets deterministic.
/// </summary>
public sealed class EspeakNg
{
    public const string ExecutableName = "espeak-ng";

    /// <summary>The command that installs it on Debian and Ubuntu.</summary>
    public const string InstallCommand = "apt-get install espeak-ng";

    /// <summary>espeak-ng always speaks at 22,050 Hz, 16-bit mono.</summary>
    public const int SampleRate = 22050;

    /// <summary>Longest utterance accepted: 10 s, far more than one word needs.</summary>
    private const int MaxOutputBytes = 44 + (SampleRate * 2 * 10);

    private EspeakNg(string path) => ExecutablePath = path;

    public string ExecutablePath { get; }

    /// <summary>espeak-ng from the PATH, or null when it is not installed.</summary>
    public static EspeakNg? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, ExecutableName);
            if (File.Exists(candidate))
            {
                return new EspeakNg(candidate);
            }
        }

        return null;
    }

    /// <summary>The name and version <c>espeak-ng --version</c> prints, recorded in manifests.</summary>
    public string Version()
    {
        var (output, _) = Execute(["--version"]);
        // "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/..." → "eSpeak NG text-to-speech: 1.51".
        var text = System.Text.Encoding.UTF8.GetString(output).Trim();
        var end = text.IndexOf("Data at:", StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }

    /// <summary>
    /// Speaks <paramref name="text"/> with a voice such as "en-gb-scotland+f3", a pitch 0..99 (espeak's default
    /// 50) and a speed in words per minute (default 175); samples as floats at <see cref="SampleRate"/> Hz.
    /// </summary>
    public float[] Speak(string voice, int pitch, int wordsPerMinute, string text)
    {
        var (output, error) = Execute(["-v", voice, "-p", pitch.ToString(System.Globalization.CultureInfo.InvariantCulture), "-s", wordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stdout", "--", text]);
        if (output.Length < 44)
        {
            throw new InvalidOperationException($"{ExecutableName} -v {voice} gave no audio for \"{text}\": {error.Trim()}");
        }

        // Written to a pipe, the RIFF and data sizes are placeholders (0x7FFFFFFF); set them to what arrived so the
        // WAV reader checks the rest.
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(4), (uint)(output.Length - 8));
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(40), (uint)(output.Length - 44));
        using var stream = new MemoryStream(output);
        var audio = WavFile.Read(stream, $"{ExecutableName} -v {voice} \"{text}\"", SampleRate);
        return PcmConversion.ToFloat(audio.Samples);
    }

    private (byte[] Output, string Error) Execute(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{ExecutablePath} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{ExecutablePath} did not start ({e.Message})", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            using var buffer = new MemoryStream();
            var chunk = new byte[65536];
            int read;
            while ((read = process.StandardOutput.BaseStream.Read(chunk)) > 0)
            {
                if (buffer.Length + read > MaxOutputBytes)
                {
                    process.Kill();
                    throw new InvalidOperationException($"{ExecutableName} produced more than {MaxOutputBytes} bytes for one utterance");
                }

                buffer.Write(chunk, 0, read);
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{ExecutableName} failed with exit code {process.ExitCode}: {error.Result.Trim()}");
            }

            return (buffer.ToArray(), error.Result);
        }
    }
}
