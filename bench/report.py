#!/usr/bin/env python3
"""Turns one bench/run into bench/results/<date>.json and the results section of bench/README.md.

A run that measured only part of the set (--filter, --no-mtu, no --dataplane) keeps the rest from the previous
results (--previous), marked with the run it comes from, so the README's other tables are not erased.

Inputs: BenchmarkDotNet's JSON export (medians in ns, bytes allocated per operation), `openssl speed -mr` lines
("SIZE BYTES_PER_SECOND"), the firewall rule counts ("NODES rules=R cidrs=C"), bench/mtu's JSON and text, and
bench/dataplane's text. Ratios are computed only between figures of the same run.
"""
import argparse, glob, json, os, platform, re, statistics, subprocess

BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
# FirewallBenchmarks methods, in table order; the rule counts (`rules SITES`) are those of the native node
FIREWALL_METHODS = ["Generate", "RenderNft", "RenderPve", "NativeNode", "ProxmoxNode"]
NATIVE_FIREWALL = {"Generate", "RenderNft", "NativeNode"}
# issue 8: spec -> rules for one node under 10 ms at 500 sites (whole per-node paths and the generation alone)
FIREWALL_TARGET_NS, FIREWALL_TARGET_SITES = 10e6, "500"
FIREWALL_TARGETED = {"Generate", "NativeNode", "ProxmoxNode"}
NODES_PER_SITE = 3


def machine():
    model = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    openssl = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(), "dotnet_sdk": dotnet, "openssl": openssl}


def params(s):
    return dict(kv.split("=", 1) for kv in s.split("&") if "=" in kv) if s else {}


def load_bdn(folder):
    rows = []
    for f in sorted(glob.glob(os.path.join(folder, "*.json"))):
        for b in json.load(open(f)).get("Benchmarks", []):
            st = b.get("Statistics") or {}
            mem = b.get("Memory") or {}
            rows.append({"class": b.get("Type"), "method": b.get("Method"), "params": params(b.get("Parameters", "")),
                         "median_ns": st.get("Median"), "mean_ns": st.get("Mean"), "stddev_ns": st.get("StandardDeviation"),
                         "n": st.get("N"), "allocated_bytes": mem.get("BytesAllocatedPerOperation")})
    return rows


def fmt_time(ns):
    if ns is None:
        return "failed"
    for unit, div in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= div:
            return f"{ns / div:.3g} {unit}" if ns / div < 100 else f"{ns / div:.0f} {unit}"
    return f"{ns:.0f} ns"


def fmt_bytes(b):
    if b is None:
        return "-"
    for unit, div in (("MB", 1 << 20), ("KB", 1 << 10)):
        if b >= div:
            return f"{b / div:.1f} {unit}"
    return f"{b} B"


def main():
    ap = argparse.ArgumentParser()
    for a in ("bdn", "openssl", "openssl-cpu", "rules", "cpu", "mtu", "mtu-text", "dataplane", "out", "readme", "command", "stamp", "load", "previous"):
        ap.add_argument("--" + a, default="")
    a = ap.parse_args()
    bdn = load_bdn(a.bdn) if a.bdn else []

    speeds = {}
    if a.openssl and os.path.exists(a.openssl):
        for line in open(a.openssl):
            size, bps = line.split()
            speeds.setdefault(int(size), []).append(float(bps))
    openssl = {n: statistics.median(v) for n, v in speeds.items()}

    rules = {}
    if a.rules and os.path.exists(a.rules):
        for line in open(a.rules):
            m = re.match(r"(\d+) rules=(\d+) cidrs=(\d+)", line)
            if m:
                rules[int(m[1])] = (int(m[2]), int(m[3]))

    # Derived figures.
    for r in bdn:
        ns = r["median_ns"]
        if not ns:
            continue
        if r["class"] == "TransportBenchmarks":
            size = int(r["params"]["Size"])
            r["packets_per_s"] = 1e9 / ns
            r["gbit_per_s"] = size * 8 / ns
            if size in openssl:
                r["openssl_gbit_per_s"] = openssl[size] * 8 / 1e9
                r["ratio_vs_openssl"] = r["gbit_per_s"] / r["openssl_gbit_per_s"]
        elif r["class"] == "HandshakeBenchmarks":
            r["handshakes_per_s"] = 1e9 / ns
        elif r["class"] == "FirewallBenchmarks" and r["method"] in NATIVE_FIREWALL and int(r["params"].get("Sites", -1)) in rules:
            nr, nc = rules[int(r["params"]["Sites"])]
            r["rules"], r["cidrs"] = nr, nc
            r["rules_per_s"], r["cidrs_per_s"] = nr * 1e9 / ns, nc * 1e9 / ns

    cpu = []
    if a.cpu and os.path.exists(a.cpu):
        for line in open(a.cpu):
            kv = dict(x.split("=", 1) for x in line.split() if "=" in x)
            if "cpu_ns" in kv:
                cpu.append({"what": kv["what"], "cpu_ns": float(kv["cpu_ns"]), "wall_ns": float(kv["wall_ns"]),
                            "bytes": int(kv["bytes"]), "batches": kv["batches"]})
    ocpu = []
    if a.openssl_cpu and os.path.exists(a.openssl_cpu):
        ocpu = [float(line.split()[1]) for line in open(a.openssl_cpu) if line.strip()]
    openssl_cpu = statistics.median(ocpu) if ocpu else None
    for c in cpu:
        if c["bytes"] and c["cpu_ns"] > 0:
            c["gbit_per_cpu_s"] = c["bytes"] * 8 / c["cpu_ns"]
            if openssl_cpu:
                c["openssl_gbit_per_cpu_s"] = openssl_cpu * 8 / 1e9
                c["ratio_vs_openssl_cpu"] = c["gbit_per_cpu_s"] / c["openssl_gbit_per_cpu_s"]

    mtu = json.load(open(a.mtu)) if a.mtu and os.path.exists(a.mtu) else None
    dataplane = open(a.dataplane).read() if a.dataplane and os.path.exists(a.dataplane) else None
    result = {"date": a.stamp, "command": a.command, "machine": machine(), "load_average_at_start": a.load,
              "note": "shared machine: other jobs ran concurrently; wall-clock figures are pessimistic",
              "benchmarks": bdn, "cpu_time_per_op": cpu, "openssl_cpu_time_bytes_per_s_1420": openssl_cpu, "openssl_chacha20_poly1305_bytes_per_s": openssl, "mtu": mtu, "dataplane_text": dataplane}
    if a.previous and os.path.exists(a.previous):
        keep_earlier(result, json.load(open(a.previous)))
    with open(a.out, "w") as f:
        json.dump(result, f, indent=2, sort_keys=False)
        f.write("\n")
    if a.readme:
        write_readme(a.readme, result, bdn, os.path.relpath(a.out, os.path.dirname(a.readme)))


def keep_earlier(res, prev):
    """Carries over from the previous results what this run did not measure: benchmark classes it did not run (whole
    classes only, so rows of a class whose parameters changed are dropped), CPU times, bench/mtu and bench/dataplane.
    Each kept item names the run it was measured in (kept_from; that run's command and load in earlier_runs)."""
    runs = dict(prev.get("earlier_runs") or {})
    runs[prev.get("date")] = {"command": prev.get("command"), "load_average_at_start": prev.get("load_average_at_start")}
    kept = lambda item: {**item, "kept_from": item.get("kept_from", prev.get("date"))}
    ran = {b["class"] for b in res["benchmarks"]}
    res["benchmarks"] += [kept(b) for b in prev.get("benchmarks", []) if b["class"] not in ran]
    if not res["cpu_time_per_op"]:
        res["cpu_time_per_op"] = [kept(c) for c in prev.get("cpu_time_per_op") or []]
    if res["mtu"] is None and prev.get("mtu"):
        res["mtu"] = kept(prev["mtu"])
    if not res["dataplane_text"] and prev.get("dataplane_text"):
        res["dataplane_text"] = prev["dataplane_text"]
        res["dataplane_kept_from"] = prev.get("dataplane_kept_from", prev.get("date"))
    used = {b.get("kept_from") for b in res["benchmarks"]} | {c.get("kept_from") for c in res["cpu_time_per_op"]}
    used |= {(res["mtu"] or {}).get("kept_from"), res.get("dataplane_kept_from")}
    res["earlier_runs"] = {d: r for d, r in runs.items() if d in used}


def kept_note(res, items, name=lambda i: ""):
    """A line under a section whose figures (all or some) come from an earlier run."""
    old = [i for i in items if i.get("kept_from")]
    if not old:
        return []
    runs = []
    for d in sorted({i["kept_from"] for i in old}):
        r = (res.get("earlier_runs") or {}).get(d, {})
        runs.append(f"{d} (`{r.get('command', '?')}`, load average {r.get('load_average_at_start', '?')} at start)")
    which = "" if len(old) == len(items) else " for " + ", ".join(name(i) for i in old)
    return [f"_Not measured by this run{which}: kept from the run of {'; '.join(runs)}._", ""]


def table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(head))) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def busy(res, m):
    """True when the 1-minute load average at start exceeded the core count."""
    try:
        return float(str(res["load_average_at_start"]).split()[0]) > float(m["nproc"])
    except (ValueError, IndexError, KeyError):
        return True


def write_readme(path, res, bdn, rel):
    m = res["machine"]
    by = lambda cls: [r for r in bdn if r["class"] == cls]
    s = [f"Run {res['date']} with `{res['command']}` on {m['nproc']} × {m['cpu']} (Linux {m['kernel']}, .NET SDK {m['dotnet_sdk']}, "
         f"{m['openssl']}). Load average at start: {res['load_average_at_start']} on {m['nproc']} cores"
         f"{' (a busy machine: absolute times are pessimistic and noisy)' if busy(res, m) else ''}; "
         f"ratios come from the same run. Machine-readable: [{rel}]({rel}). Times are BenchmarkDotNet medians of 5 iterations."
         f"{' Sections with a “Not measured by this run” line were kept from an earlier run.' if res.get('earlier_runs') else ''}", ""]

    p = by("PlannerBenchmarks")
    if p:
        s += ["### Planner (spec → NodePlan for one node) and planner + nftables rules", ""] + kept_note(res, p)
        rows = []
        for r in sorted(p, key=lambda r: (r["params"].get("Topology", ""), int(r["params"]["Nodes"]), r["method"])):
            target = ""
            if r["method"] == "PlanAndRules" and r["params"]["Nodes"] == "2000" and r["median_ns"]:
                target = "✅ < 50 ms (wall)" if r["median_ns"] < 50e6 else "❌ ≥ 50 ms (wall)"
            nodes = r["params"]["Nodes"]
            if r["params"].get("Topology") == "RouteReflectors" and int(nodes) < 4:
                nodes = "4 ¹"
            rows.append([r["method"], r["params"].get("Topology"), nodes, fmt_time(r["median_ns"]), fmt_bytes(r["allocated_bytes"]), target])
        s += [table(["Benchmark", "Topology", "Nodes", "Median", "Allocated/op", "Target"], rows), "",
              "¹ the smallest route-reflector mesh: 2 reflectors + 2 VTEPs (the Nodes=2 parameter is raised to 4).", ""]
    f = by("FirewallBenchmarks")
    if f:
        s += ["### Firewall rules per node (issue #8: meshes of 2, 50 and 500 sites × 3 nodes × 4 subnets)", ""] + kept_note(res, f)
        rows = []
        order = {m: i for i, m in enumerate(FIREWALL_METHODS)}
        for r in sorted(f, key=lambda r: (int(r["params"].get("Sites", 0)), order.get(r["method"], 99))):
            sites = r["params"].get("Sites", "?")
            target = ""
            if r["method"] in FIREWALL_TARGETED and sites == FIREWALL_TARGET_SITES and r["median_ns"]:
                target = "✅ < 10 ms (wall)" if r["median_ns"] < FIREWALL_TARGET_NS else "❌ ≥ 10 ms (wall)"
            counts = f"{r['rules']} / {r['cidrs']}" if "rules" in r else ""
            nodes = int(sites) * NODES_PER_SITE if sites.isdigit() else "?"
            rows.append([r["method"], sites, nodes, fmt_time(r["median_ns"]), fmt_bytes(r["allocated_bytes"]), counts, target])
        s += [table(["Benchmark (one node)", "Sites", "Nodes", "Median", "Allocated/op", "Rules / CIDRs", "Target"], rows), "",
              "Generate: spec → rules (`FirewallInputsFromSpec.Plan`) for the exit node of a native site in the middle of the mesh; "
              "RenderNft: its nftables script; RenderPve: a Proxmox node's security group, ipsets and host options; NativeNode and "
              "ProxmoxNode: the whole path for one node of each kind (spec → nft script; spec → security group). Rules / CIDRs: the "
              "native node's rules (filter + SNAT) and the CIDRs they match; rules are site-wide and match CIDR sets, so the rule "
              "count stays constant while the sets grow with the mesh. Target (issue #8): under 10 ms per node at 500 sites.", ""]

    fr = by("FrrBenchmarks")
    if fr:
        s += ["### FRR rendering (EvpnConfigBuilder → frr.conf, one native node)", ""] + kept_note(res, fr)
        rows = [[r["params"].get("Topology"), r["params"]["Nodes"], fmt_time(r["median_ns"]), fmt_bytes(r["allocated_bytes"])] for r in fr]
        s += [table(["Topology", "Nodes", "Median", "Allocated/op"], rows), ""]

    t = by("TransportBenchmarks")
    if t:
        s += ["### WireGuard transport (one thread) vs raw OpenSSL ChaCha20-Poly1305", ""] + kept_note(res, t)
        rows = []
        for r in sorted(t, key=lambda r: (int(r["params"]["Size"]), r["method"])):
            ratio = r.get("ratio_vs_openssl")
            mark = "" if ratio is None or r["params"]["Size"] != "1420" else (" ✅" if ratio >= 0.5 else " ❌")
            rows.append([r["method"], r["params"]["Size"], fmt_time(r["median_ns"]), f"{r.get('packets_per_s', 0):,.0f}",
                         f"{r.get('gbit_per_s', 0):.2f}", f"{r.get('openssl_gbit_per_s', 0):.2f}",
                         (f"{ratio:.2f}" if ratio is not None else "n/a") + mark, fmt_bytes(r["allocated_bytes"])])
        s += [table(["Op", "Bytes", "Median", "Packets/s", "Gbit/s", "OpenSSL Gbit/s", "Ratio", "Allocated/op"], rows), "",
              "OpenSSL: `openssl speed -elapsed -evp chacha20-poly1305 -bytes N -seconds 1`, median of 3, wall clock like "
              "BenchmarkDotNet. Target: ratio ≥ 0.5 at 1420 B (aim 0.7).", ""]

    h = by("HandshakeBenchmarks")
    if h:
        s += ["### Handshakes (initiation created + mac1 + consumed, response created + mac1 + consumed, both keypairs)", ""] + kept_note(res, h)
        s += [table(["Median", "Handshakes/s (one thread)", "Allocated/op"],
                    [[fmt_time(r["median_ns"]), f"{r.get('handshakes_per_s', 0):,.0f}", fmt_bytes(r["allocated_bytes"])] for r in h]), ""]

    n = by("RouteCodecBenchmarks") + by("NetlinkDumpBenchmarks")
    if n:
        s += ["### Netlink", ""] + kept_note(res, n, lambda r: f"{r['class']}.{r['method']}")
        s += [table(["Benchmark", "Median", "Allocated/op"], [[f"{r['class']}.{r['method']}", fmt_time(r["median_ns"]), fmt_bytes(r["allocated_bytes"])] for r in n]), ""]

    if res["cpu_time_per_op"]:
        s += ["### CPU time per operation (the figures with targets)", "",
              "Process CPU time per operation (`Mesh.Benchmarks cpu 2000`, median of 7 batches after a 1.5 s warm-up; GC and JIT threads "
              "included): unlike the wall-clock medians above it does not count time spent waiting for a core on this overloaded "
              "machine. OpenSSL's figure is `openssl speed -evp chacha20-poly1305 -bytes 1420 -seconds 1` (its default: CPU time), "
              "median of 3, so the ratio is per core.", ""] + kept_note(res, res["cpu_time_per_op"])
        rows = []
        for c in res["cpu_time_per_op"]:
            target, extra = "", ""
            if c["what"].startswith("PlanAndRules") and c["what"].endswith("/2000"):
                target = "✅ < 50 ms" if c["cpu_ns"] < 50e6 else "❌ ≥ 50 ms"
            if c["what"].startswith("Firewall/") and c["what"].endswith(f"/{FIREWALL_TARGET_SITES}sites"):
                target = "✅ < 10 ms" if c["cpu_ns"] < FIREWALL_TARGET_NS else "❌ ≥ 10 ms"
            if "ratio_vs_openssl_cpu" in c:
                extra = f"{c['gbit_per_cpu_s']:.2f} Gbit/s vs OpenSSL {c['openssl_gbit_per_cpu_s']:.2f}: ratio {c['ratio_vs_openssl_cpu']:.2f}"
                target = "✅ ≥ 0.5" if c["ratio_vs_openssl_cpu"] >= 0.5 else "❌ < 0.5"
            elif c["what"] == "Handshake":
                extra = f"{1e9 / c['cpu_ns']:,.0f} handshakes per CPU second"
            rows.append([c["what"], fmt_time(c["cpu_ns"]), fmt_time(c["wall_ns"]), extra, target])
        s += [table(["Operation", "CPU/op", "Wall/op (same batches)", "Throughput", "Target"], rows), ""]

    if res["mtu"]:
        s += ["### Encapsulation MTU (bench/mtu: mesh-wg + VXLAN + bridge in namespaces)", ""] + kept_note(res, [res["mtu"]])
        rows = []
        for c in res["mtu"]["cases"]:
            ratio = c["ratio_computed_vs_seed"]
            rows.append([c["case"], c["underlay_mtu"], c["wg_mtu"], "yes" if c["wg_mtu_tight"] else "NO", c["overlay_mtu"], c["measured_mtu"],
                         "✅" if c["equal"] and c["deployed_df_ping_ok"] else "❌", f"{c['median_computed_gbps']:.3f}",
                         f"{c['median_seed1370_gbps']:.3f}", f"{ratio:.2f}" if ratio else "n/a"])
        s += [table(["Case", "Underlay", "WG MTU", "WG MTU tight", "Overlay (planner)", "Measured", "Equal", "Gbit/s @computed",
                     "Gbit/s @1370", "Ratio"], rows), "",
              f"Goodput: iperf3 TCP host to host, {res['mtu']['rounds']} alternating rounds of {res['mtu']['seconds']} s per MTU, medians. "
              "Both ends and the tunnel run on the same loaded 2-core machine, so goodput is CPU-bound and the ratio mostly "
              "reflects per-packet cost.", ""]
    elif res.get("mtu") is None:
        s += ["(bench/mtu not run: needs root.)", ""]

    if res["dataplane_text"]:
        s += ["### Dataplane (bench/dataplane/run)", ""] + kept_note(res, [{"kept_from": res.get("dataplane_kept_from")}])
        s += ["```", res["dataplane_text"].rstrip(), "```", ""]

    text = open(path).read() if os.path.exists(path) else ""
    body = "\n".join(s).rstrip() + "\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN) + len(BEGIN)] + "\n" + body + text[text.index(END):]
    else:
        text = text.rstrip() + "\n\n## Results\n\n" + BEGIN + "\n" + body + END + "\n"
    open(path, "w").write(text)


if __name__ == "__main__":
    main()
