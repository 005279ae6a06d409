#!/usr/bin/env python3
"""Regenerates pve-api-subset-{8,9}.json from the full API schemas in ../shared/reference/proxmox-api.

Each entry is the schema node of one path, verbatim except that only what the fake's validator reads is
kept (parameter type, format, enum, optional, pattern, length and range limits, items, default) and
children are dropped. Usage: make-subset.py [schema-dir] (default: <repo>/../shared/reference/proxmox-api).
"""
import json
import os
import sys

PATHS = {
    "8": [],
    "9": ["/cluster/sdn/lock", "/cluster/sdn/rollback"],
}
COMMON = [
    "/cluster/firewall/groups",
    "/cluster/firewall/groups/{group}",
    "/cluster/firewall/groups/{group}/{pos}",
    "/cluster/firewall/ipset",
    "/cluster/firewall/ipset/{name}",
    "/cluster/firewall/ipset/{name}/{cidr}",
    "/cluster/firewall/options",
    "/cluster/firewall/rules",
    "/cluster/firewall/rules/{pos}",
    "/cluster/sdn",
    "/cluster/sdn/controllers",
    "/cluster/sdn/controllers/{controller}",
    "/cluster/sdn/vnets",
    "/cluster/sdn/vnets/{vnet}",
    "/cluster/sdn/vnets/{vnet}/subnets",
    "/cluster/sdn/vnets/{vnet}/subnets/{subnet}",
    "/cluster/sdn/zones",
    "/cluster/sdn/zones/{zone}",
    "/nodes",
    "/nodes/{node}/firewall/options",
    "/nodes/{node}/sdn/zones",
    "/nodes/{node}/tasks/{upid}/status",
    "/version",
]
VERSIONS = {"8": "8.4.2", "9": "9.1.3"}
KEEP = ("type", "format", "enum", "optional", "pattern", "minLength", "maxLength", "minimum", "maximum", "items", "default")


def index(node, out):
    if isinstance(node, list):
        for n in node:
            index(n, out)
        return
    out[node["path"]] = node
    index(node.get("children", []), out)


def strip(method):
    props = method.get("parameters", {}).get("properties", {})
    return {"parameters": {"properties": {k: {kk: vv for kk, vv in p.items() if kk in KEEP} for k, p in props.items()}}}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "..", "shared", "reference", "proxmox-api")
    for major, version in VERSIONS.items():
        with open(os.path.join(src, f"pve-api-{version}.json"), encoding="utf-8") as f:
            nodes = {}
            index(json.load(f), nodes)
        entries = [{"info": {m: strip(x) for m, x in nodes[p]["info"].items()}, "path": p}
                   for p in sorted(COMMON + PATHS[major])]
        with open(os.path.join(here, f"pve-api-subset-{major}.json"), "w", encoding="utf-8") as f:
            json.dump(entries, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
