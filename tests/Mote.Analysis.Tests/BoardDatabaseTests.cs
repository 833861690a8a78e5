namespace Mote.Analysis.Tests;

public class BoardDatabaseTests
{
    [Theory]
    [InlineData("nano33ble", 256 * 1024, 1024 * 1024, 64)]
    [InlineData("stm32l4r5", 640 * 1024, 2 * 1024 * 1024, 120)]
    [InlineData("stm32h7a3", 1380 * 1024, 2 * 1024 * 1024, 280)]
    [InlineData("rp2040", 264 * 1024, 2 * 1024 * 1024, 133)]
    [InlineData("esp32s3", 512 * 1024, 8 * 1024 * 1024, 240)]
    [InlineData("stm32u385", 256 * 1024, 1024 * 1024, 96)]
    public void Knows_the_boards_of_the_issue(string id, long ram, long flash, int clockMhz)
    {
        var board = BoardDatabase.Find(id);

        Assert.NotNull(board);
        Assert.Equal((ram, flash, clockMhz), (board.RamBytes, board.FlashBytes, board.ClockMhz));
        Assert.True(board.ActivePowerMilliwatts > 0);
        Assert.NotEmpty(board.Source);
    }

    [Fact]
    public void Ids_are_lower_case_kebab_and_unique()
    {
        Assert.All(BoardDatabase.All, b => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", b.Id));
        Assert.Equal(BoardDatabase.All.Count, BoardDatabase.All.Select(b => b.Id).Distinct().Count());
    }

    [Fact]
    public void Find_ignores_case_and_returns_null_for_unknown_ids()
    {
        Assert.Same(BoardDatabase.Find("rp2040"), BoardDatabase.Find("RP2040"));
        Assert.Null(BoardDatabase.Find("pdp11"));
    }
}
