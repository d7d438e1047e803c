"""An independent reader for Netwerk's GEXF and GraphML exports: NetworkX parses the file and this prints what it
found as JSON (nodes and edges with every attribute), which ExportApiTests compares with the store's JSON export.

Usage: /usr/bin/python3 read_export.py gexf|graphml FILE

Debian's python3-networkx (2.8) knows GEXF 1.1draft and 1.2draft only; GEXF 1.3 has the same elements under the
namespace http://gexf.net/1.3, so the 1.3 version is registered here exactly as NetworkX 3.6 does it (networkx PR
#8196, "Add GEXF 1.3 to the recognized GEXF versions": only the version table changes, not the parser)."""
import json
import sys

import networkx as nx
from networkx.readwrite import gexf


def read_gexf(path):
    if "1.3" not in gexf.GEXF.versions:
        gexf.GEXF.versions["1.3"] = {
            "NS_GEXF": "http://gexf.net/1.3",
            "NS_VIZ": "http://gexf.net/1.3/viz",
            "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
            "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            "VERSION": "1.3",
        }
    return nx.read_gexf(path, version="1.3")


def main():
    kind, path = sys.argv[1], sys.argv[2]
    graph = read_gexf(path) if kind == "gexf" else nx.read_graphml(path, edge_key_type=str)
    nodes = {str(n): {k: v for k, v in data.items()} for n, data in graph.nodes(data=True)}
    edges = {}
    triples = graph.edges(keys=True, data=True) if graph.is_multigraph() else ((s, t, None, d) for s, t, d in graph.edges(data=True))
    for source, target, key, data in triples:
        edge_id = str(data.get("id", key))
        edges[edge_id] = dict(data, source=str(source), target=str(target))
    json.dump({"directed": graph.is_directed(), "multigraph": graph.is_multigraph(), "mode": graph.graph.get("mode"),
               "nodes": nodes, "edges": edges}, sys.stdout, default=str, ensure_ascii=False)


if __name__ == "__main__":
    main()
