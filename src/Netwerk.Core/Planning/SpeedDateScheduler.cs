using Netwerk.Core.Schema;

namespace Netwerk.Core.Planning;

/// <summary>
/// Plans speed dates between two groups: each round every table seats one person of A and one of B, nobody is at
/// two tables at once, no pair meets twice, must-not-meet pairs never meet and must-meet pairs meet when that is
/// possible at all. Deterministic: the same request gives the same schedule.
/// <para>
/// Without constraints the schedule is a rotation that is provably optimal and fair. Let p ≤ q be the sizes of the
/// smaller group S and the larger group L, k = min(tables, p) the meetings per round and g = gcd(p, q). The p·q pairs
/// fall into q "diagonals" D_d = {(s, (s + d) mod q)}, each a matching of all of S. Listing the diagonals in the order
/// d_r = (r·p + ⌊r·g/q⌋) mod q (all q distinct) with s = 0..p−1 inside each, and cutting that list into rounds of k
/// pairs, gives rounds in which S-members and L-members both run through consecutive positions (mod p and mod q), so
/// every round is a matching, every pair occurs once, and after every round the number of meetings of any two people
/// of one group differs by at most one. Every round but the last is full, so min(p·q, rounds·k) pairs meet — the
/// most any schedule can reach.
/// </para>
/// <para>
/// With constraints two plans are made and the better one kept (fewest must-meet pairs missed, then most pairs met,
/// then fairest). (1) The rotation under the relabeling that breaks the fewest constraints, mended by local swaps:
/// a must-not pair trades partners with another table of its round, which keeps everyone's sit-out count. (2) A
/// constraint-first plan: must-meet pairs placed by a bipartite edge colouring with one colour per round (König: a
/// person with at most R must-meet partners always fits in R rounds), balanced so no round needs more than the tables
/// (de Werra), each round then filled with a maximum matching of pairs that have not met, preferring people who sat
/// out most and have most partners left. Finally sit-out rounds are evened out by seat take-overs that keep the
/// number of pairs met. Optimality and the ±1 fairness are guaranteed without constraints; with them they are the
/// aim, not a promise (some constraints make them impossible).
/// </para>
/// </summary>
public static class SpeedDateScheduler
{
    private const int MaxRelabelings = 256;
    private const int RebalanceCandidates = 16;
    private const long RelabelingSeatBudget = 1_000_000;

    public static SpeedDateSchedule Schedule(SpeedDateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = Input.Validate(request);
        var (m, n, rounds) = (input.A.Count, input.B.Count, input.Rounds);
        var k = Math.Min(request.Tables, Math.Min(m, n));

        List<List<Seat>> plan;
        if (input.MustMeet.Count == 0 && input.MustNot.Count == 0)
        {
            plan = Rotation(input, k, 0, 0);
        }
        else
        {
            // Two honest attempts, the better one wins: the rotation repaired by swaps (keeps its fairness when the
            // constraints are few) and the constraint-first greedy plan (places must-meet pairs whenever possible).
            var repaired = Repair(input, BestRotation(input, k), k);
            var quality = Quality(input, repaired);
            var upperBound = (int)Math.Min(m * n - input.MustNot.Count, (long)rounds * k);
            // A repaired rotation that meets every constraint, reaches the bound and is fair cannot be beaten.
            var perfect = quality.Missed == 0 && -quality.NotMet == upperBound && quality.Worst <= 1;
            plan = repaired;
            if (!perfect)
            {
                var greedy = Greedy(input, k);
                if (Quality(input, greedy).CompareTo(quality) < 0) plan = greedy;
            }
            plan.RemoveAll(round => round.Count == 0);
            Rebalance(input, plan);
        }
        plan.RemoveAll(round => round.Count == 0);

        var met = new HashSet<int>(plan.SelectMany(round => round.Select(seat => seat.A * n + seat.B)));
        var unmet = input.MustMeet.Where(p => !met.Contains(p.A * n + p.B))
            .Select(p => new SpeedDatePair(input.A[p.A], input.B[p.B])).ToList();
        var allowed = m * n - input.MustNot.Count;
        return Build(request, input, plan, met.Count, allowed, (int)Math.Min(allowed, (long)rounds * k), unmet);
    }

    /// <summary>
    /// Lower is better: must-meet pairs missed, then allowed pairs not met (negated count of pairs met), then the
    /// spread of sit-out rounds within the groups (summed, then the worse group). A must-not pair still in a plan
    /// counts as a missed must-meet, so such a plan never wins.
    /// </summary>
    private static (int Missed, int NotMet, int Spread, int Worst) Quality(Input input, List<List<Seat>> plan)
    {
        var (m, n) = (input.A.Count, input.B.Count);
        var met = new HashSet<int>();
        var busyA = new int[m];
        var busyB = new int[n];
        var forbidden = 0;
        foreach (var seat in plan.SelectMany(round => round))
        {
            met.Add(seat.A * n + seat.B);
            forbidden += input.MustNot.Contains(seat.A * n + seat.B) ? 1 : 0;
            busyA[seat.A]++;
            busyB[seat.B]++;
        }
        var missed = forbidden + input.MustMeet.Count(pair => !met.Contains(pair.A * n + pair.B));
        var (spreadA, spreadB) = (busyA.Max() - busyA.Min(), busyB.Max() - busyB.Min());
        return (missed, -(met.Count - forbidden), spreadA + spreadB, Math.Max(spreadA, spreadB));
    }

    /// <summary>The relabeling of the rotation that breaks the fewest constraints (the first of the best).</summary>
    private static List<List<Seat>> BestRotation(Input input, int k)
    {
        var (m, n) = (input.A.Count, input.B.Count);
        var p = Math.Min(m, n);
        List<List<Seat>>? best = null;
        var bestBroken = int.MaxValue;
        // Each try costs one plan's seats; large sessions get fewer tries so a request stays well under a second.
        var seats = Math.Max(1L, Math.Min((long)m * n, (long)input.Rounds * k));
        var tries = (int)Math.Clamp(RelabelingSeatBudget / seats, 1, Math.Min(MaxRelabelings, m * n));
        for (var attempt = 0; attempt < tries && bestBroken > 0; attempt++)
        {
            // Rotating the order of S by u and of L by v is a relabeling: it keeps every guarantee.
            var plan = Rotation(input, k, attempt % p, attempt / p);
            var met = plan.SelectMany(round => round.Select(seat => seat.A * n + seat.B)).ToHashSet();
            var broken = input.MustNot.Count(met.Contains) + input.MustMeet.Count(pair => !met.Contains(pair.A * n + pair.B));
            if (broken < bestBroken) (best, bestBroken) = (plan, broken);
        }
        return best!;
    }

    /// <summary>The rotation of the class summary, with S rotated by <paramref name="u"/> and L by <paramref name="v"/>.</summary>
    private static List<List<Seat>> Rotation(Input input, int k, int u, int v)
    {
        var (m, n) = (input.A.Count, input.B.Count);
        var (p, q) = (Math.Min(m, n), Math.Max(m, n));
        var smallIsA = m <= n;
        var g = Gcd(p, q);
        var total = Math.Min((long)p * q, (long)input.Rounds * k);
        var plan = new List<List<Seat>>();
        for (long e = 0; e < total; e++)
        {
            var r = (int)(e / p);
            var i = (int)(e % p);
            var d = (int)(((long)r * p + (long)r * g / q) % q);
            var s = (i + u) % p;
            var l = (i + d + v) % q;
            var (a, b) = smallIsA ? (s, l) : (l, s);
            var round = (int)(e / k);
            if (round == plan.Count) plan.Add(new List<Seat>(k));
            plan[round].Add(new Seat((int)(e % k) + 1, a, b));
        }
        return plan;
    }

    /// <summary>
    /// Mends a rotation by local swaps. A must-not pair (a, b) first trades partners with another table of the same
    /// round — (a, b), (a2, b2) become (a, b2), (a2, b) — which keeps everyone's sit-out count; failing that, b or a
    /// gives the seat to someone sitting out; failing that, the table stays empty. A missed must-meet pair is brought
    /// together the same ways: a partner trade in a round both sit at a table, a seat taken over from a partner, or a
    /// free table in a round both sit out. Every new pair must be allowed and not met yet.
    /// </summary>
    private static List<List<Seat>> Repair(Input input, List<List<Seat>> rotation, int k)
    {
        var (m, n) = (input.A.Count, input.B.Count);
        var plan = rotation.Select(round => round.ToList()).ToList();
        while (plan.Count < input.Rounds) plan.Add(new List<Seat>(k));
        var met = plan.SelectMany(round => round.Select(seat => seat.A * n + seat.B)).ToHashSet();
        var must = input.MustMeet.Select(pair => pair.A * n + pair.B).ToHashSet();
        bool Free(int a, int b) => !met.Contains(a * n + b) && !input.MustNot.Contains(a * n + b);
        bool Movable(Seat seat) => !must.Contains(seat.A * n + seat.B);
        void Replace(List<Seat> round, int index, Seat seat)
        {
            met.Remove(round[index].A * n + round[index].B);
            round[index] = seat;
            met.Add(seat.A * n + seat.B);
        }

        foreach (var round in plan)
        {
            for (var i = 0; i < round.Count; i++)
            {
                var (t, a, b) = (round[i].Table, round[i].A, round[i].B);
                if (!input.MustNot.Contains(a * n + b)) continue;
                var j = round.FindIndex(o => o.A != a && Movable(o) && Free(a, o.B) && Free(o.A, b));
                if (j >= 0)
                {
                    var other = round[j];
                    Replace(round, i, new Seat(t, a, other.B));
                    Replace(round, j, new Seat(other.Table, other.A, b));
                    continue;
                }
                var idleB = Enumerable.Range(0, n).FirstOrDefault(x => round.All(o => o.B != x) && Free(a, x), -1);
                if (idleB >= 0) { Replace(round, i, new Seat(t, a, idleB)); continue; }
                var idleA = Enumerable.Range(0, m).FirstOrDefault(x => round.All(o => o.A != x) && Free(x, b), -1);
                if (idleA >= 0) { Replace(round, i, new Seat(t, idleA, b)); continue; }
                met.Remove(a * n + b);
                round.RemoveAt(i--);
            }
        }

        foreach (var (a, b) in input.MustMeet)
        {
            if (met.Contains(a * n + b)) continue;
            foreach (var round in plan)
            {
                var ia = round.FindIndex(o => o.A == a);
                var ib = round.FindIndex(o => o.B == b);
                if (ia >= 0 && ib >= 0 && Movable(round[ia]) && Movable(round[ib]) && Free(round[ib].A, round[ia].B))
                {
                    var (sa, sb) = (round[ia], round[ib]);
                    Replace(round, ia, new Seat(sa.Table, a, b));
                    Replace(round, ib, new Seat(sb.Table, sb.A, sa.B));
                    break;
                }
                if (ia >= 0 && ib < 0 && Movable(round[ia])) { Replace(round, ia, new Seat(round[ia].Table, a, b)); break; }
                if (ib >= 0 && ia < 0 && Movable(round[ib])) { Replace(round, ib, new Seat(round[ib].Table, a, b)); break; }
                if (ia < 0 && ib < 0 && round.Count < k)
                {
                    var table = Enumerable.Range(1, k).First(x => round.All(o => o.Table != x));
                    round.Add(new Seat(table, a, b));
                    met.Add(a * n + b);
                    break;
                }
            }
        }
        return plan;
    }

    /// <summary>
    /// Evens out sit-out rounds after the constraints had their way: while someone sits out at least two rounds more
    /// than someone else of the same group, the one who sat out more takes over a seat of the other in a round they
    /// sat out — if the partner there is someone they may and have not yet met, and the pair given up is no must-meet.
    /// The number of pairs met stays the same.
    /// </summary>
    private static void Rebalance(Input input, List<List<Seat>> plan)
    {
        var (m, n) = (input.A.Count, input.B.Count);
        var met = plan.SelectMany(round => round.Select(seat => seat.A * n + seat.B)).ToHashSet();
        var must = input.MustMeet.Select(pair => pair.A * n + pair.B).ToHashSet();
        foreach (var groupA in new[] { true, false })
        {
            var size = groupA ? m : n;
            for (var moves = 0; moves < size * plan.Count; moves++)
            {
                var busy = new int[size];
                foreach (var seat in plan.SelectMany(round => round)) busy[groupA ? seat.A : seat.B]++;
                // Only the extremes, and a bounded number of them, so large groups stay fast.
                var (least, most) = (busy.Min(), busy.Max());
                if (most - least < 2) break;
                var move = (from x in Enumerable.Range(0, size).Where(x => busy[x] == least).Take(RebalanceCandidates)
                            from y in Enumerable.Range(0, size).Where(y => busy[y] == most).Take(RebalanceCandidates)
                            from round in plan
                            where round.All(o => (groupA ? o.A : o.B) != x)
                            let i = round.FindIndex(o => (groupA ? o.A : o.B) == y)
                            where i >= 0
                            let seat = round[i]
                            let next = groupA ? new Seat(seat.Table, x, seat.B) : new Seat(seat.Table, seat.A, x)
                            where !must.Contains(seat.A * n + seat.B) && !met.Contains(next.A * n + next.B) && !input.MustNot.Contains(next.A * n + next.B)
                            select (Round: round, Index: i, Seat: next)).FirstOrDefault();
                if (move.Round is null) break;
                var old = move.Round[move.Index];
                met.Remove(old.A * n + old.B);
                move.Round[move.Index] = move.Seat;
                met.Add(move.Seat.A * n + move.Seat.B);
            }
        }
    }

    private static List<List<Seat>> Greedy(Input input, int k)
    {
        var (m, n, rounds) = (input.A.Count, input.B.Count, input.Rounds);
        var placed = PlaceMustMeet(input, k, out var leftover);
        var met = new bool[m * n];
        foreach (var round in placed) foreach (var (a, b) in round) met[a * n + b] = true;
        var leftoverKeys = leftover.Select(x => x.A * n + x.B).ToHashSet();

        // Partners each person still has to meet: the fill prefers those with most left, so nobody ends with a
        // backlog that cannot fit in the remaining rounds.
        var leftA = new int[m];
        var leftB = new int[n];
        for (var a = 0; a < m; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (met[a * n + b] || input.MustNot.Contains(a * n + b)) continue;
                leftA[a]++;
                leftB[b]++;
            }
        }
        var idleA = new int[m];
        var idleB = new int[n];
        var plan = new List<List<Seat>>(rounds);
        for (var r = 0; r < rounds; r++)
        {
            var seats = placed[r];
            var busyA = new bool[m];
            var busyB = new bool[n];
            foreach (var (a, b) in seats) { busyA[a] = busyB[b] = true; }
            var added = FillRound(input, k - seats.Count, met, leftoverKeys, busyA, busyB, leftA, leftB, idleA, idleB);
            foreach (var (a, b) in added)
            {
                met[a * n + b] = true;
                leftA[a]--;
                leftB[b]--;
                busyA[a] = busyB[b] = true;
            }
            var all = seats.Concat(added).OrderBy(x => x.A).ThenBy(x => x.B).ToList();
            plan.Add(all.Select((x, t) => new Seat(t + 1, x.A, x.B)).ToList());
            for (var a = 0; a < m; a++) if (!busyA[a]) idleA[a]++;
            for (var b = 0; b < n; b++) if (!busyB[b]) idleB[b]++;
        }
        return plan;
    }

    /// <summary>
    /// Spreads the must-meet pairs over the rounds: a proper edge colouring of the must-meet graph with one colour per
    /// round (Kempe-chain swaps), then colour classes larger than the tables are evened out against smaller ones.
    /// Pairs that cannot fit (a person with more must-meet partners than rounds, or more pairs than seats) are left
    /// over for the fill, which still tries them first.
    /// </summary>
    private static List<List<(int A, int B)>> PlaceMustMeet(Input input, int k, out List<(int A, int B)> leftover)
    {
        var (m, n, rounds) = (input.A.Count, input.B.Count, input.Rounds);
        var degreeA = new int[m];
        var degreeB = new int[n];
        var chosen = new List<(int A, int B)>();
        leftover = [];
        foreach (var pair in input.MustMeet)
        {
            if (degreeA[pair.A] < rounds && degreeB[pair.B] < rounds && chosen.Count < (long)rounds * k)
            {
                chosen.Add(pair);
                degreeA[pair.A]++;
                degreeB[pair.B]++;
            }
            else
            {
                leftover.Add(pair);
            }
        }

        var colouring = new Colouring(m, n, rounds);
        foreach (var (a, b) in chosen) colouring.Add(a, b);
        colouring.Balance(k);
        return Enumerable.Range(0, rounds).Select(colouring.Class).ToList();
    }

    private static List<(int A, int B)> FillRound(Input input, int capacity, bool[] met, HashSet<int> leftoverMust,
        bool[] busyA, bool[] busyB, int[] leftA, int[] leftB, int[] idleA, int[] idleB)
    {
        if (capacity <= 0) return [];
        var (m, n) = (input.A.Count, input.B.Count);
        bool Candidate(int a, int b) => !met[a * n + b] && !input.MustNot.Contains(a * n + b);
        var orderA = Enumerable.Range(0, m).Where(a => !busyA[a] && leftA[a] > 0)
            .OrderByDescending(a => leftoverMust.Any(key => key / n == a))
            .ThenByDescending(a => idleA[a]).ThenByDescending(a => leftA[a]).ThenBy(a => a).ToList();
        var orderB = Enumerable.Range(0, n).Where(b => !busyB[b] && leftB[b] > 0)
            .OrderByDescending(b => idleB[b]).ThenByDescending(b => leftB[b]).ThenBy(b => b).ToList();
        var adjacency = orderA.ToDictionary(a => a, a => orderB.Where(b => Candidate(a, b))
            .OrderByDescending(b => leftoverMust.Contains(a * n + b)).ToList());

        var matchA = new int[m];
        var matchB = new int[n];
        Array.Fill(matchA, -1);
        Array.Fill(matchB, -1);
        foreach (var a in orderA)
        {
            foreach (var b in adjacency[a])
            {
                if (matchB[b] != -1) continue;
                matchA[a] = b;
                matchB[b] = a;
                break;
            }
        }
        // Kuhn's augmenting paths grow the greedy matching towards a maximum one, but only as far as the free
        // tables need. Marks stay after a failed search (those vertices cannot help until a path is found).
        var matched = orderA.Count(a => matchA[a] != -1);
        var visited = new bool[n];
        foreach (var a in orderA)
        {
            if (matched >= capacity) break;
            if (matchA[a] != -1) continue;
            if (!Augment(a, adjacency, matchA, matchB, visited)) continue;
            matched++;
            Array.Clear(visited);
        }
        return orderA.Where(a => matchA[a] != -1)
            .Select(a => (A: a, B: matchA[a]))
            .OrderByDescending(x => leftoverMust.Contains(x.A * n + x.B))
            .ThenByDescending(x => idleA[x.A] + idleB[x.B])
            .ThenByDescending(x => leftA[x.A] + leftB[x.B])
            .ThenBy(x => x.A)
            .Take(capacity)
            .ToList();
    }

    private static bool Augment(int a, Dictionary<int, List<int>> adjacency, int[] matchA, int[] matchB, bool[] visited)
    {
        foreach (var b in adjacency[a])
        {
            if (visited[b]) continue;
            visited[b] = true;
            if (matchB[b] == -1 || Augment(matchB[b], adjacency, matchA, matchB, visited))
            {
                matchA[a] = b;
                matchB[b] = a;
                return true;
            }
        }
        return false;
    }

    private static SpeedDateSchedule Build(SpeedDateRequest request, Input input, List<List<Seat>> plan, int pairsMet,
        int allowed, int upperBound, List<SpeedDatePair> unmet)
    {
        var (m, n) = (input.A.Count, input.B.Count);
        var roundLength = request.RoundLength;
        (DateTimeOffset?, DateTimeOffset?) Times(int r) => request.StartsAt is { } start && roundLength is { } length
            ? (start + r * (length + request.Changeover), start + r * (length + request.Changeover) + length)
            : (null, null);

        var rounds = new List<SpeedDateRound>(plan.Count);
        // seatOf[group][r, person] = (table, partner's name) in round r, or null when sitting out.
        var seatOf = new[] { new (int Table, string Partner)?[plan.Count, m], new (int Table, string Partner)?[plan.Count, n] };
        for (var r = 0; r < plan.Count; r++)
        {
            foreach (var seat in plan[r])
            {
                seatOf[0][r, seat.A] = (seat.Table, input.B[seat.B]);
                seatOf[1][r, seat.B] = (seat.Table, input.A[seat.A]);
            }
            var (start, end) = Times(r);
            var round = r;
            rounds.Add(new SpeedDateRound(r + 1, start, end,
                plan[r].OrderBy(s => s.Table).Select(s => new SpeedDateSeat(s.Table, input.A[s.A], input.B[s.B])).ToList(),
                Enumerable.Range(0, m).Where(a => seatOf[0][round, a] is null).Select(a => input.A[a]).ToList(),
                Enumerable.Range(0, n).Where(b => seatOf[1][round, b] is null).Select(b => input.B[b]).ToList()));
        }

        var agendas = new List<ParticipantAgenda>(m + n);
        foreach (var (group, ids, seats) in new[] { (SpeedDateGroup.A, input.A, seatOf[0]), (SpeedDateGroup.B, input.B, seatOf[1]) })
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var person = i;
                agendas.Add(new ParticipantAgenda(ids[i], group, Enumerable.Range(0, plan.Count).Select(r =>
                {
                    var (start, end) = Times(r);
                    return new AgendaEntry(r + 1, start, end, seats[r, person]?.Table, seats[r, person]?.Partner);
                }).ToList()));
            }
        }
        return new SpeedDateSchedule(input.Rounds, rounds, agendas, pairsMet, allowed, upperBound, unmet);
    }

    private static int Gcd(int x, int y)
    {
        while (y != 0) (x, y) = (y, x % y);
        return x;
    }

    private readonly record struct Seat(int Table, int A, int B);

    /// <summary>A proper edge colouring of a bipartite graph with a fixed number of colours.</summary>
    private sealed class Colouring
    {
        private readonly int _colours;
        private readonly int[] _atA;   // _atA[a * colours + c] = b joined to a by colour c, or -1
        private readonly int[] _atB;

        public Colouring(int m, int n, int colours)
        {
            _colours = colours;
            _atA = new int[m * colours];
            _atB = new int[n * colours];
            Array.Fill(_atA, -1);
            Array.Fill(_atB, -1);
        }

        /// <summary>Colours edge (a, b); both ends must have fewer edges than colours.</summary>
        public void Add(int a, int b)
        {
            var alpha = Free(_atA, a);
            var beta = Free(_atB, b);
            if (_atB[b * _colours + alpha] != -1)
            {
                // b already uses alpha: swap alpha and beta along the alternating path from b. In a bipartite graph
                // that path never reaches a (a has alpha free), so afterwards alpha is free at both ends.
                Swap(b, fromB: true, alpha, beta);
            }
            Set(a, b, alpha);
        }

        /// <summary>Evens out colour classes until none has more than <paramref name="limit"/> edges, when possible.</summary>
        public void Balance(int limit)
        {
            while (true)
            {
                var sizes = Enumerable.Range(0, _colours).Select(c => Class(c).Count).ToArray();
                var big = Array.IndexOf(sizes, sizes.Max());
                var small = Array.IndexOf(sizes, sizes.Min());
                if (sizes[big] <= limit || sizes[big] - sizes[small] < 2) return;
                // X ∪ Y splits into alternating paths and even cycles; a path with more X edges than Y edges starts at
                // a vertex with an X edge and no Y edge. Swapping its colours moves one edge from X to Y.
                if (!MoveOne(big, small)) return;
            }
        }

        public List<(int A, int B)> Class(int colour)
        {
            var result = new List<(int A, int B)>();
            for (var a = 0; a < _atA.Length / _colours; a++)
            {
                var b = _atA[a * _colours + colour];
                if (b != -1) result.Add((a, b));
            }
            return result;
        }

        private bool MoveOne(int x, int y)
        {
            for (var side = 0; side < 2; side++)
            {
                var at = side == 0 ? _atA : _atB;
                for (var v = 0; v < at.Length / _colours; v++)
                {
                    if (at[v * _colours + x] == -1 || at[v * _colours + y] != -1) continue;
                    var (countX, countY) = PathCounts(v, side == 1, x, y);
                    if (countX <= countY) continue;
                    Swap(v, side == 1, x, y);
                    return true;
                }
            }
            return false;
        }

        private (int X, int Y) PathCounts(int start, bool fromB, int x, int y)
        {
            var (countX, countY) = (0, 0);
            var (v, onB, colour) = (start, fromB, x);
            while (true)
            {
                var next = (onB ? _atB : _atA)[v * _colours + colour];
                if (next == -1) return (countX, countY);
                if (colour == x) countX++; else countY++;
                (v, onB, colour) = (next, !onB, colour == x ? y : x);
            }
        }

        private void Swap(int start, bool fromB, int first, int second)
        {
            var path = new List<(int A, int B, int Colour)>();
            var (v, onB, colour) = (start, fromB, first);
            while (true)
            {
                var next = (onB ? _atB : _atA)[v * _colours + colour];
                if (next == -1) break;
                path.Add(onB ? (next, v, colour) : (v, next, colour));
                (v, onB, colour) = (next, !onB, colour == first ? second : first);
            }
            foreach (var (a, b, c) in path)
            {
                _atA[a * _colours + c] = -1;
                _atB[b * _colours + c] = -1;
            }
            foreach (var (a, b, c) in path) Set(a, b, c == first ? second : first);
        }

        private void Set(int a, int b, int colour)
        {
            _atA[a * _colours + colour] = b;
            _atB[b * _colours + colour] = a;
        }

        private int Free(int[] at, int v)
        {
            for (var c = 0; c < _colours; c++) if (at[v * _colours + c] == -1) return c;
            throw new InvalidOperationException("No free colour: the degree exceeds the number of colours.");
        }
    }

    /// <summary>The request checked and turned into indices.</summary>
    private sealed record Input(IReadOnlyList<string> A, IReadOnlyList<string> B, int Rounds, List<(int A, int B)> MustMeet, HashSet<int> MustNot)
    {
        public static Input Validate(SpeedDateRequest r)
        {
            if (r.GroupA is null || r.GroupA.Count == 0 || r.GroupB is null || r.GroupB.Count == 0)
                throw Invalid("group-empty", "Beide groepen moeten minstens één deelnemer hebben.", "Both groups need at least one participant.", r.GroupA is { Count: > 0 } ? "groupB" : "groupA");
            if (r.GroupA.Count > SpeedDateRequest.MaxGroupSize || r.GroupB.Count > SpeedDateRequest.MaxGroupSize)
                throw Invalid("group-too-large", $"Een groep telt hoogstens {SpeedDateRequest.MaxGroupSize} deelnemers.", $"A group has at most {SpeedDateRequest.MaxGroupSize} participants.", r.GroupA.Count > SpeedDateRequest.MaxGroupSize ? "groupA" : "groupB");
            var blank = r.GroupA.Concat(r.GroupB).Any(string.IsNullOrWhiteSpace);
            if (blank)
                throw Invalid("participant-id-invalid", "Elke deelnemer heeft een id nodig.", "Every participant needs an id.", "groupA", "groupB");
            var duplicates = r.GroupA.GroupBy(x => x, StringComparer.Ordinal).Concat(r.GroupB.GroupBy(x => x, StringComparer.Ordinal))
                .Where(g => g.Count() > 1).Select(g => g.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (duplicates.Length > 0)
                throw Invalid("duplicate-participant", $"Deze deelnemers staan meer dan eens in een groep: {string.Join(", ", duplicates)}.", $"These participants appear more than once in a group: {string.Join(", ", duplicates)}.", duplicates);
            var indexA = r.GroupA.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
            var indexB = r.GroupB.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
            var both = r.GroupA.Where(indexB.ContainsKey).Order(StringComparer.Ordinal).ToArray();
            if (both.Length > 0)
                throw Invalid("participant-in-both-groups", $"Deze deelnemers staan in beide groepen: {string.Join(", ", both)}.", $"These participants are in both groups: {string.Join(", ", both)}.", both);
            if (r.Tables < 1)
                throw Invalid("tables-invalid", "Er is minstens één tafel nodig.", "At least one table is needed.", "tables");
            var rounds = ResolveRounds(r);

            var n = r.GroupB.Count;
            (int A, int B) Index(SpeedDatePair pair, string field)
            {
                if (pair is null) throw Invalid("pair-invalid", "Een paar ontbreekt.", "A pair is missing.", field);
                if (indexA.TryGetValue(pair.A ?? "", out var a1) && indexB.TryGetValue(pair.B ?? "", out var b1)) return (a1, b1);
                if (indexA.TryGetValue(pair.B ?? "", out var a2) && indexB.TryGetValue(pair.A ?? "", out var b2)) return (a2, b2);
                var unknown = new[] { pair.A ?? "", pair.B ?? "" }.Where(id => !indexA.ContainsKey(id) && !indexB.ContainsKey(id)).ToArray();
                if (unknown.Length > 0)
                    throw Invalid("unknown-participant", $"Onbekende deelnemer in {field}: {string.Join(", ", unknown)}.", $"Unknown participant in {field}: {string.Join(", ", unknown)}.", unknown);
                throw Invalid("pair-invalid", $"Een paar in {field} moet één deelnemer uit elke groep hebben: {pair.A}, {pair.B}.", $"A pair in {field} needs one participant from each group: {pair.A}, {pair.B}.", pair.A!, pair.B!);
            }
            var mustMeet = new List<(int A, int B)>();
            var seen = new HashSet<int>();
            foreach (var pair in r.MustMeet ?? [])
            {
                var x = Index(pair, "mustMeet");
                if (seen.Add(x.A * n + x.B)) mustMeet.Add(x);
            }
            var mustNot = new HashSet<int>();
            foreach (var pair in r.MustNotMeet ?? [])
            {
                var x = Index(pair, "mustNotMeet");
                mustNot.Add(x.A * n + x.B);
            }
            var contradictions = mustMeet.Where(x => mustNot.Contains(x.A * n + x.B)).SelectMany(x => new[] { r.GroupA[x.A], r.GroupB[x.B] }).ToArray();
            if (contradictions.Length > 0)
                throw Invalid("pair-contradiction", $"Een paar moet elkaar zowel wel als niet ontmoeten: {string.Join(", ", contradictions)}.", $"A pair is both must-meet and must-not-meet: {string.Join(", ", contradictions)}.", contradictions);
            return new Input(r.GroupA, r.GroupB, rounds, mustMeet, mustNot);
        }

        private static int ResolveRounds(SpeedDateRequest r)
        {
            int rounds;
            if (r.Rounds is { } given)
            {
                rounds = given;
            }
            else if (r.TotalTime is { } total && r.RoundLength is { } length && length > TimeSpan.Zero && r.Changeover >= TimeSpan.Zero)
            {
                // n rounds take n·length + (n − 1)·changeover.
                rounds = (int)Math.Min(int.MaxValue, (total + r.Changeover).Ticks / (length + r.Changeover).Ticks);
            }
            else
            {
                throw Invalid("rounds-invalid", "Geef het aantal rondes, of de totale tijd en de duur van een ronde.", "Give the number of rounds, or the total time and the length of a round.", "rounds");
            }
            if (rounds < 1 || rounds > SpeedDateRequest.MaxRounds)
                throw Invalid("rounds-invalid", $"Het aantal rondes moet tussen 1 en {SpeedDateRequest.MaxRounds} liggen (nu {rounds}).", $"The number of rounds must be between 1 and {SpeedDateRequest.MaxRounds} (now {rounds}).", "rounds");
            return rounds;
        }

        private static PlanningException Invalid(string code, string nl, string en, params string[] subjects) =>
            new(code, new LocalizedText(nl, en), subjects);
    }
}
