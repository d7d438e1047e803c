#!/usr/bin/python3
"""Writes the reference answers the C# metrics are tested against, one JSON file per graph.

Run with Debian's NetworkX (apt-get install python3-networkx):  /usr/bin/python3 generate_fixtures.py
Each file holds the graph (node ids and undirected edges) and NetworkX's answers with default arguments:
degree, betweenness_centrality (normalized), closeness_centrality (wf_improved=True), pagerank (alpha 0.85),
core_number, articulation_points, bridges, connected_components, and partitions with their modularity.
"""
import json
import os

import networkx as nx
from networkx.algorithms import community

HERE = os.path.dirname(os.path.abspath(__file__))


def disconnected_with_isolates():
    g = nx.Graph()
    g.add_nodes_from(range(12))  # 9, 10, 11 stay isolated
    g.add_edges_from([(0, 1), (1, 2), (2, 0), (2, 3)])  # triangle with a tail
    g.add_edges_from([(4, 5), (5, 6), (6, 7), (7, 4), (4, 6), (8, 7)])  # dense part with a pendant
    return g


def with_bridges():
    # Two cliques joined through a path of bridges, plus a pendant tree: many articulation points and bridges.
    g = nx.complete_graph(5)
    h = nx.relabel_nodes(nx.complete_graph(4), {i: i + 10 for i in range(4)})
    g.add_edges_from(h.edges())
    g.add_edges_from([(4, 5), (5, 6), (6, 10)])
    g.add_edges_from([(13, 20), (20, 21), (20, 22), (22, 23)])
    g.add_edges_from([(0, 30), (30, 31), (31, 0)])  # a triangle hanging off node 0: 0 is a cut vertex, no bridge
    return g


def graphs():
    karate = nx.karate_club_graph()
    # Drop the weights NetworkX >= 2.7 puts on karate edges: the product's graph is unweighted.
    karate = nx.Graph(karate.edges())
    yield "karate", karate
    yield "disconnected", disconnected_with_isolates()
    yield "path", nx.path_graph(10)
    yield "star", nx.star_graph(12)
    yield "random", nx.gnp_random_graph(60, 0.08, seed=20231231)
    yield "bridges", with_bridges()
    yield "two-nodes", nx.path_graph(2)


def main():
    for name, g in graphs():
        ids = {v: f"n{v}" for v in g.nodes()}
        louvain = community.louvain_communities(g, seed=7) if g.number_of_edges() else [{v} for v in g]
        partitions = [[sorted(ids[v] for v in c) for c in louvain]]
        # A second, deliberately poor partition (by parity) checks modularity on an arbitrary input.
        partitions.append([sorted(ids[v] for v in g if v % 2 == k) for k in (0, 1) if any(v % 2 == k for v in g)])
        fixture = {
            "name": name,
            "generator": "generate_fixtures.py, networkx " + nx.__version__,
            "nodes": sorted(ids.values()),
            "edges": sorted([ids[u], ids[v]] for u, v in g.edges()),
            "degree": {ids[v]: d for v, d in g.degree()},
            "betweenness": {ids[v]: x for v, x in nx.betweenness_centrality(g).items()},
            "closeness": {ids[v]: x for v, x in nx.closeness_centrality(g).items()},
            "pagerank": {ids[v]: x for v, x in nx.pagerank(g).items()},
            "coreNumber": {ids[v]: x for v, x in nx.core_number(g).items()},
            "articulationPoints": sorted(ids[v] for v in nx.articulation_points(g)),
            "bridges": sorted(sorted([ids[u], ids[v]]) for u, v in nx.bridges(g)),
            "components": sorted(sorted(ids[v] for v in c) for c in nx.connected_components(g)),
            # Louvain is a heuristic whose result depends on the visiting order: record the spread over seeds.
            "louvainModularityOverSeeds": sorted(
                community.modularity(g, community.louvain_communities(g, seed=s)) for s in range(30)
            ) if g.number_of_edges() else [0.0],
            "partitions": [
                {
                    "communities": p,
                    "modularity": community.modularity(g, [{v for v in g if ids[v] in set(c)} for c in p])
                    if g.number_of_edges() else 0.0,
                }
                for p in partitions
            ],
        }
        with open(os.path.join(HERE, f"{name}.json"), "w", encoding="utf-8") as out:
            json.dump(fixture, out, indent=1, sort_keys=True)
            out.write("\n")
        print(f"{name}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")


if __name__ == "__main__":
    main()
