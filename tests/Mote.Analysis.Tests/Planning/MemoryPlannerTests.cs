using Mote.Runtime.Planning;

namespace Mote.Analysis.Tests.Planning;

public class MemoryPlannerTests
{
    // Greedy by size puts the 2-byte buffer above the 3-byte one (no 2-byte gap below it): 10 bytes. Placing the
    // 2-byte buffer first fits everything in the 8 bytes alive at step 4.
    private static readonly BufferRequest[] s_greedyLoses =
    [
        new(2, 0, 3),
        new(4, 0, 0),
        new(5, 4, 4),
        new(3, 1, 4),
    ];

    public static TheoryData<string> Planners => ["greedy-by-size", "search"];

    [Fact]
    public void Greedy_by_size_reproduces_tflm_placement()
    {
        var plan = new GreedyBySizePlanner().Plan(s_greedyLoses);

        Assert.Equal(10, plan.TotalBytes);
        Assert.Equal([8L, 0, 0, 5], Offsets(plan));
    }

    [Fact]
    public void Search_reaches_the_lower_bound_where_greedy_does_not()
    {
        var plan = new SearchPlanner().Plan(s_greedyLoses);

        Assert.Equal(8, LiveBytes.Peak(s_greedyLoses).Bytes);
        Assert.Equal(8, plan.TotalBytes);
        AssertValid(s_greedyLoses, plan);
    }

    [Fact]
    public void Lower_bound_is_the_largest_step_total()
    {
        var (bytes, step) = LiveBytes.Peak([new(16, 0, 1), new(32, 1, 2), new(48, 3, 3)]);

        Assert.Equal(48, bytes);
        Assert.Equal(1, step);
    }

    [Fact]
    public void Buffers_that_touch_end_to_start_do_not_count_together()
    {
        Assert.Equal(32, LiveBytes.Peak([new(32, 0, 1), new(32, 2, 3)]).Bytes);
    }

    [Theory]
    [MemberData(nameof(Planners))]
    public void No_buffers_give_an_empty_plan(string planner)
    {
        Assert.Equal(0, Create(planner).Plan([]).TotalBytes);
    }

    [Theory]
    [MemberData(nameof(Planners))]
    public void Random_problems_get_valid_plans_within_bounds(string planner)
    {
        var random = new Random(7);
        for (int problem = 0; problem < 50; problem++)
        {
            var buffers = RandomBuffers(random, random.Next(1, 40));
            var plan = Create(planner).Plan(buffers);

            AssertValid(buffers, plan);
            Assert.True(plan.TotalBytes >= LiveBytes.Peak(buffers).Bytes);
            Assert.True(plan.TotalBytes <= new GreedyBySizePlanner().Plan(buffers).TotalBytes);
        }
    }

    private static IMemoryPlanner Create(string name) =>
        name == "search" ? new SearchPlanner() : new GreedyBySizePlanner();

    private static BufferRequest[] RandomBuffers(Random random, int count)
    {
        var buffers = new BufferRequest[count];
        for (int i = 0; i < count; i++)
        {
            int first = random.Next(20);
            buffers[i] = new BufferRequest(16 * random.Next(0, 64), first, first + random.Next(6));
        }

        return buffers;
    }

    private static long[] Offsets(MemoryPlan plan) => Enumerable.Range(0, plan.BufferCount).Select(plan.Offset).ToArray();

    private static void AssertValid(IReadOnlyList<BufferRequest> buffers, MemoryPlan plan)
    {
        for (int i = 0; i < buffers.Count; i++)
        {
            Assert.True(plan.Offset(i) >= 0 && plan.Offset(i) + buffers[i].Size <= plan.TotalBytes);
            for (int j = i + 1; j < buffers.Count; j++)
            {
                bool intersect = plan.Offset(i) < plan.Offset(j) + buffers[j].Size
                    && plan.Offset(j) < plan.Offset(i) + buffers[i].Size;
                Assert.False(buffers[i].OverlapsInTime(buffers[j]) && intersect, $"buffers {i} and {j} overlap");
            }
        }
    }
}
