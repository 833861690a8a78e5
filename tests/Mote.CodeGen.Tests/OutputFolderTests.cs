namespace Mote.CodeGen.Tests;

public sealed class OutputFolderTests
{
    [Fact]
    public void ReplacesAnExistingFolderWhole()
    {
        var parent = Directory.CreateTempSubdirectory("mote-output-").FullName;
        try
        {
            var target = Path.Combine(parent, "out");
            Directory.CreateDirectory(target);
            File.WriteAllText(Path.Combine(target, "stale.c"), "old");

            OutputFolder.Replace(target, [new GeneratedFile("model.c", "new")]);

            Assert.Equal(["model.c"], Directory.GetFiles(target).Select(Path.GetFileName));
            Assert.Equal("new", File.ReadAllText(Path.Combine(target, "model.c")));
            Assert.Equal([target], Directory.GetDirectories(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public void AFailedWriteLeavesTheOldFolder()
    {
        var parent = Directory.CreateTempSubdirectory("mote-output-").FullName;
        try
        {
            var target = Path.Combine(parent, "out");
            Directory.CreateDirectory(target);
            File.WriteAllText(Path.Combine(target, "model.c"), "old");

            // The second file's name is taken by the first file's folder, so writing it fails halfway.
            var failure = Record.Exception(() => OutputFolder.Replace(target, [new GeneratedFile("src/model.c", "new"), new GeneratedFile("src", "x")]));
            Assert.True(failure is IOException or UnauthorizedAccessException, $"unexpected {failure}");

            Assert.Equal("old", File.ReadAllText(Path.Combine(target, "model.c")));
            Assert.Equal([target], Directory.GetDirectories(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public void WritesSubfoldersAndRefusesNamesOutsideTheFolder()
    {
        var parent = Directory.CreateTempSubdirectory("mote-output-").FullName;
        try
        {
            var target = Path.Combine(parent, "out");
            OutputFolder.Replace(target, [new GeneratedFile("src/model.c", "c"), new GeneratedFile("examples/m/m.ino", "ino")]);
            Assert.Equal("ino", File.ReadAllText(Path.Combine(target, "examples", "m", "m.ino")));

            Assert.Throws<ArgumentException>(() => OutputFolder.Replace(target, [new GeneratedFile("../escape.c", "x")]));
            Assert.False(File.Exists(Path.Combine(parent, "escape.c")));
            Assert.Equal("c", File.ReadAllText(Path.Combine(target, "src", "model.c")));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
