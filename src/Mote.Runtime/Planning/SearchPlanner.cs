namespace Mote.Runtime.Planning;

/// <summary>
/// A planner that searches over placement orders and keeps the best plan. Every candidate is placed by the same
/// first-fit rule as TFLM's greedy planner (lowest offset free in time and space), so only the order varies. That
/// loses nothing: for any valid plan, placing its buffers in order of their offsets by first-fit puts each buffer at
/// or below its offset in that plan, so the best order reaches the optimum.
/// <list type="number">
/// <item>Compute the lower bound: the largest total of bytes alive at one step. A plan that reaches it is optimal and
/// ends the search at once.</item>
/// <item>Try fixed orders: size descending (TFLM's, so the result is never worse than TFLM's planner), size × lifetime
/// descending, lifetime descending, first use ascending with larger first, and "pressure" descending (the bytes of
/// all buffers overlapping in time, plus the buffer's own size). Keep the best.</item>
/// <item>Small graphs (at most <see cref="ExactSearchLimit"/> buffers): branch and bound over orders, depth first,
/// larger buffers first, pruning a branch as soon as its highest end reaches the best total, skipping a candidate
/// identical in size and lifetime to one already tried at the same node. At most <see cref="NodeBudget"/> placements,
/// so the time is bounded; an unfinished search keeps the best plan found.</item>
/// <item>Larger graphs: local search from the best order. Repeatedly take a buffer that reaches the plan's top
/// (cycling through them) and move it to a random earlier position (fixed seed, so plans are reproducible); keep the
/// new order when its total is not worse. At most <see cref="LocalSearchEvaluations"/> re-placements.</item>
/// </list>
/// </summary>
public sealed class SearchPlanner : IMemoryPlanner
{
    /// <summary>Buffer count up to which the branch and bound runs.</summary>
    public const int ExactSearchLimit = 24;

    /// <summary>First-fit placements the branch and bound may make.</summary>
    public const int NodeBudget = 20_000;

    /// <summary>Whole re-placements the local search may make.</summary>
    public const int LocalSearchEvaluations = 1_500;

    private const int Seed = 20240601;

    public string Name => "search";

    public MemoryPlan Plan(IReadOnlyList<BufferRequest> buffers)
    {
        long lowerBound = LiveBytes.Peak(buffers).Bytes;
        var best = new Candidate(buffers);
        foreach (int[] order in HeuristicOrders(buffers))
        {
            best.TryOrder(order);
            if (best.Total == lowerBound)
            {
                return best.ToPlan();
            }
        }

        if (buffers.Count <= ExactSearchLimit)
        {
            new BranchAndBound(buffers, lowerBound, best).Run();
        }
        else
        {
            LocalSearch(best, lowerBound);
        }

        return best.ToPlan();
    }

    private static IEnumerable<int[]> HeuristicOrders(IReadOnlyList<BufferRequest> buffers)
    {
        var indices = Enumerable.Range(0, buffers.Count).ToArray();
        long Lifetime(int i) => buffers[i].LastStep - buffers[i].FirstStep + 1;

        yield return GreedyBySizePlanner.BySizeDescending(buffers);
        yield return [.. indices.OrderByDescending(i => buffers[i].Size * Lifetime(i))];
        yield return [.. indices.OrderByDescending(Lifetime).ThenByDescending(i => buffers[i].Size)];
        yield return [.. indices.OrderBy(i => buffers[i].FirstStep).ThenByDescending(i => buffers[i].Size)];

        var pressure = new long[buffers.Count];
        for (int i = 0; i < buffers.Count; i++)
        {
            for (int j = 0; j < buffers.Count; j++)
            {
                if (buffers[i].OverlapsInTime(buffers[j]))
                {
                    pressure[i] += buffers[j].Size;
                }
            }
        }

        yield return [.. indices.OrderByDescending(i => pressure[i]).ThenByDescending(i => buffers[i].Size)];
    }

    private static void LocalSearch(Candidate best, long lowerBound)
    {
        var random = new Random(Seed);
        int[] order = best.Order;
        var offsets = new long[order.Length];
        var trialOffsets = new long[order.Length];
        long total = FirstFit.Place(best.Buffers, order, offsets);
        int turn = 0;
        for (int evaluation = 0; evaluation < LocalSearchEvaluations && total > lowerBound; evaluation++)
        {
            int position = PickTopBuffer(best.Buffers, order, offsets, total, turn++);
            if (position == 0)
            {
                continue;
            }

            int[] trial = MoveEarlier(order, position, random.Next(position));
            long trialTotal = FirstFit.Place(best.Buffers, trial, trialOffsets);
            if (trialTotal <= total)
            {
                order = trial;
                total = trialTotal;
                (offsets, trialOffsets) = (trialOffsets, offsets);
                if (total < best.Total)
                {
                    best.Accept(order, offsets, total);
                }
            }
        }
    }

    /// <summary>The position in <paramref name="order"/> of the <paramref name="turn"/>-th buffer (cyclically) that ends at the top.</summary>
    private static int PickTopBuffer(IReadOnlyList<BufferRequest> buffers, int[] order, long[] offsets, long total, int turn)
    {
        var top = new List<int>();
        for (int position = 0; position < order.Length; position++)
        {
            int index = order[position];
            if (offsets[index] + buffers[index].Size == total)
            {
                top.Add(position);
            }
        }

        return top[turn % top.Count];
    }

    private static int[] MoveEarlier(int[] order, int from, int to)
    {
        int[] result = (int[])order.Clone();
        Array.Copy(order, to, result, to + 1, from - to);
        result[to] = order[from];
        return result;
    }

    /// <summary>The best order found so far, with its offsets and total.</summary>
    private sealed class Candidate
    {
        private readonly long[] _offsets;
        private readonly long[] _scratch;

        public Candidate(IReadOnlyList<BufferRequest> buffers)
        {
            Buffers = buffers;
            _offsets = new long[buffers.Count];
            _scratch = new long[buffers.Count];
            Order = [];
        }

        public IReadOnlyList<BufferRequest> Buffers { get; }

        public int[] Order { get; private set; }

        public long Total { get; private set; } = long.MaxValue;

        public void TryOrder(int[] order)
        {
            long total = FirstFit.Place(Buffers, order, _scratch);
            if (total < Total)
            {
                Accept(order, _scratch, total);
            }
        }

        public void Accept(int[] order, long[] offsets, long total)
        {
            Order = (int[])order.Clone();
            Array.Copy(offsets, _offsets, _offsets.Length);
            Total = total;
        }

        public MemoryPlan ToPlan() => new((long[])_offsets.Clone(), Total);
    }

    /// <summary>Depth-first search over placement orders with a node budget.</summary>
    private sealed class BranchAndBound
    {
        private readonly IReadOnlyList<BufferRequest> _buffers;
        private readonly long _lowerBound;
        private readonly Candidate _best;
        private readonly int[] _bySize;
        private readonly bool[] _used;
        private readonly int[] _order;
        private readonly long[] _offsets;
        private readonly List<int> _placed = [];
        private readonly List<(long Start, long End)> _conflicts = [];
        private int _nodes;

        public BranchAndBound(IReadOnlyList<BufferRequest> buffers, long lowerBound, Candidate best)
        {
            _buffers = buffers;
            _lowerBound = lowerBound;
            _best = best;
            _bySize = GreedyBySizePlanner.BySizeDescending(buffers);
            _used = new bool[buffers.Count];
            _order = new int[buffers.Count];
            _offsets = new long[buffers.Count];
        }

        public void Run() => Search(0);

        private void Search(long total)
        {
            if (_placed.Count == _buffers.Count)
            {
                _best.Accept(_order, _offsets, total);
                return;
            }

            var tried = new HashSet<BufferRequest>();
            foreach (int index in _bySize)
            {
                if (_used[index] || !tried.Add(_buffers[index]))
                {
                    continue;
                }

                if (_nodes++ >= NodeBudget || _best.Total == _lowerBound)
                {
                    return;
                }

                long offset = FirstFit.LowestFreeOffset(_buffers, _placed, _offsets, index, _conflicts);
                long newTotal = Math.Max(total, offset + _buffers[index].Size);
                if (newTotal >= _best.Total)
                {
                    continue;
                }

                _offsets[index] = offset;
                _order[_placed.Count] = index;
                _used[index] = true;
                _placed.Add(index);
                Search(newTotal);
                _placed.RemoveAt(_placed.Count - 1);
                _used[index] = false;
            }
        }
    }
}
