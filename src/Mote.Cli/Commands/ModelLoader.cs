using Mote.Graph;
using Mote.TfLite;

namespace Mote.Cli.Commands;

/// <summary>Reads a model named on the command line, turning a missing file into a clear input error.</summary>
internal static class ModelLoader
{
    public static Model Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException(path, Directory.Exists(path) ? "is a folder, not a model file" : "no such file");
        }

        return TfLiteReader.ReadFile(path);
    }
}
