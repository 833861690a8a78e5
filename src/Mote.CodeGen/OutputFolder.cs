namespace Mote.CodeGen;

/// <summary>
/// Replaces a folder with new files so that nobody sees it half-written: the files go to a hidden sibling folder,
/// then the old folder is renamed away, the new one renamed in, and the old one deleted. File names may contain
/// subfolders ("src/model.c") but must stay inside the folder.
/// </summary>
public static class OutputFolder
{
    public static void Replace(string directory, IEnumerable<GeneratedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException($"{directory} has no parent folder", nameof(directory));
        Directory.CreateDirectory(parent);
        var stamp = Guid.NewGuid().ToString("N");
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.{stamp}.new");
        var retired = Path.Combine(parent, $".{Path.GetFileName(target)}.{stamp}.old");
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var file in files)
            {
                var path = Path.GetFullPath(Path.Combine(staging, file.Name));
                if (Path.IsPathRooted(file.Name) || !path.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"generated file {file.Name} would land outside {directory}", nameof(files));
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
            }

            if (Directory.Exists(target))
            {
                Directory.Move(target, retired);
            }

            Directory.Move(staging, target);
        }
        catch
        {
            // Put the old folder back if the swap got halfway.
            if (Directory.Exists(retired) && !Directory.Exists(target))
            {
                Directory.Move(retired, target);
            }

            throw;
        }
        finally
        {
            DeleteIfPresent(staging);
            DeleteIfPresent(retired);
        }
    }

    private static void DeleteIfPresent(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
