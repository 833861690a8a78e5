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

            Assert.ThrowsAny<IOException>(() => OutputFolder.Replace(target, [new GeneratedFile("model.c", "new"), new GeneratedFile("no/such/dir.c", "x")]));

            Assert.Equal("old", File.ReadAllText(Path.Combine(target, "model.c")));
            Assert.Equal([target], Directory.GetDirectories(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
