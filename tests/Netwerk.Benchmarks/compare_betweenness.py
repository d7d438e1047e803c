#!/usr/bin/python3
"""Exact betweenness on a 5,000-node region graph: python-igraph (C), NetworkX (Python) and Netwerk (C#) side by side.

Run from the repository root with Debian's packages (apt-get install python3-networkx python3-igraph):
    /usr/bin/python3 tests/Netwerk.Benchmarks/compare_betweenness.py [--nodes 5000] [--networkx-sources K]

The graph mimics one werkingsgebied: organisations in municipalities, people working for them, platforms with
heavy-tailed membership, meetings of those platforms with attendance. Each library is timed on the computation
only (graph already loaded), best of three runs for igraph and C#; NetworkX runs once. The C# values are checked
against igraph's (normalised the NetworkX way) before any ratio is printed.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

import igraph
import networkx as nx

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def region_graph(target_nodes, seed):
    rnd = random.Random(seed)
    skew = lambda count, exponent: min(count - 1, int(count * rnd.random() ** exponent))
    scale = target_nodes / 5000
    n_mun, n_org, n_person, n_platform, n_meeting = 13, int(1400 * scale), int(2400 * scale), int(140 * scale), int(1047 * scale)
    ids = iter(range(10 ** 9))
    region = next(ids)
    muns = [next(ids) for _ in range(n_mun)]
    orgs = [next(ids) for _ in range(n_org)]
    people = [next(ids) for _ in range(n_person)]
    platforms = [next(ids) for _ in range(n_platform)]
    meetings = [next(ids) for _ in range(n_meeting)]
    edges = set()
    add = lambda a, b: edges.add((min(a, b), max(a, b))) if a != b else None
    for m in muns:
        add(m, region)
    for o in orgs:
        add(o, muns[rnd.randrange(n_mun)])
        if rnd.random() < 0.3:
            add(o, muns[rnd.randrange(n_mun)])
        if rnd.random() < 0.15:
            add(o, orgs[rnd.randrange(n_org)])
    for p in people:
        add(p, orgs[skew(n_org, 2.7)])
    regisseur = people[0]
    members = {f: [regisseur] for f in platforms}
    for f in platforms:
        add(regisseur, f)
        add(f, region)
    for _ in range(int(3700 * scale)):
        p, f = people[skew(n_person, 2.4)], platforms[skew(n_platform, 1.8)]
        if p not in members[f]:
            members[f].append(p)
            add(p, f)
    for _ in range(int(750 * scale)):
        add(orgs[skew(n_org, 2.2)], platforms[rnd.randrange(n_platform)])
    for i, m in enumerate(meetings):
        platform = platforms[skew(n_platform, 1.8)] if i < 0.8 * n_meeting else None
        if platform is not None:
            add(m, platform)
        pool = members[platform] if platform is not None else people
        count = rnd.randint(15, 55) if platform is None else max(2, int(len(pool) * (0.3 + 0.4 * rnd.random())))
        for _ in range(count):
            p = people[skew(n_person, 2.0)] if platform is None or rnd.random() < 0.1 else pool[rnd.randrange(len(pool))]
            add(p, m)
    nodes = [region] + muns + orgs + people + platforms + meetings
    return nodes, sorted(edges)


def best_of(runs, fn):
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--networkx-sources", type=int, default=0,
                        help="time NetworkX on K sampled sources and extrapolate (0 = exact, all sources)")
    args = parser.parse_args()

    nodes, edges = region_graph(args.nodes, args.seed)
    # Keep the largest component's isolated leftovers out: every node here has at least one edge.
    used = sorted({v for e in edges for v in e})
    index = {v: i for i, v in enumerate(used)}
    n = len(used)
    folder = tempfile.mkdtemp(prefix="netwerk-betweenness-")
    path = os.path.join(folder, f"region-{n}.txt")
    with open(path, "w") as out:
        out.write(f"# {n} nodes, {len(edges)} edges, seed {args.seed}\n")
        for a, b in edges:
            out.write(f"{index[a]} {index[b]}\n")
    print(f"graph: {n} nodes, {len(edges)} edges -> {path}")

    g = igraph.Graph(n=n, edges=[(index[a], index[b]) for a, b in edges], directed=False)
    igraph_seconds, igraph_values = best_of(3, lambda: g.betweenness(directed=False))
    print(f"igraph {igraph.__version__}: {igraph_seconds:.3f} s")

    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from((index[a], index[b]) for a, b in edges)
    if args.networkx_sources:
        start = time.perf_counter()
        nx.betweenness_centrality(G, k=args.networkx_sources, seed=1)
        networkx_seconds = (time.perf_counter() - start) * n / args.networkx_sources
        print(f"networkx {nx.__version__}: {networkx_seconds:.1f} s (extrapolated from {args.networkx_sources} sources)")
    else:
        start = time.perf_counter()
        networkx_values = nx.betweenness_centrality(G)
        networkx_seconds = time.perf_counter() - start
        print(f"networkx {nx.__version__}: {networkx_seconds:.1f} s")

    command = ["dotnet", "run", "--project", os.path.join(ROOT, "tests", "Netwerk.Benchmarks"), "-c", "Release", "--", "betweenness", path]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    figures = dict(line.split("=", 1) for line in output.splitlines() if "=" in line and " " not in line)
    csharp_seconds = float(figures["csharp_seconds"])
    csharp_single = float(figures["csharp_single_thread_seconds"])
    print(f"netwerk C#: {csharp_seconds:.3f} s ({os.cpu_count()} threads), {csharp_single:.3f} s (1 thread)")

    scale = 2.0 / ((n - 1) * (n - 2))
    worst = 0.0
    with open(path + ".csharp.txt") as values:
        for line in values:
            node, value = line.split()
            expected = igraph_values[int(node)] * scale
            worst = max(worst, abs(float(value) - expected) / max(abs(expected), 1e-300) if expected else abs(float(value)))
    if not args.networkx_sources:
        worst_nx = max(abs(networkx_values[v] - igraph_values[v] * scale) / max(abs(networkx_values[v]), 1e-300)
                       for v in range(n) if networkx_values[v])
        print(f"networkx vs igraph: max relative difference {worst_nx:.2e}")
    print(f"C# vs igraph: max relative difference {worst:.2e}")
    if worst > 1e-9:
        sys.exit("C# betweenness differs from igraph's")

    print()
    print(f"ratio C# / igraph          = {csharp_seconds / igraph_seconds:.2f}  (target <= 1.5)")
    print(f"ratio C# 1 thread / igraph = {csharp_single / igraph_seconds:.2f}")
    print(f"ratio NetworkX / C#        = {networkx_seconds / csharp_seconds:.1f}")


if __name__ == "__main__":
    main()
