using System.Text.Json;
using ProxmoxSdn.Api;

namespace ProxmoxSdn.Sync;

/// <summary>Waiting for the apply task and for every node to report the zones available.</summary>
public sealed partial class SdnReconciler
{
    private async Task WaitForTaskAsync(string upidText, CancellationToken cancellationToken)
    {
        if (!Upid.TryParse(upidText, out var upid))
        {
            throw new ProxmoxSdnException(SdnErrorKind.ApplyFailed, $"PUT /cluster/sdn returned '{upidText}', not a task id (UPID).");
        }

        var deadline = DateTime.UtcNow + _options.TaskTimeout;
        var path = ApiPath.Of("/nodes", upid!.Node, "tasks", upid.Value, "status");
        while (true)
        {
            var status = await _api.GetAsync(path, null, cancellationToken);
            if (Text(status, "status") == "stopped")
            {
                var exit = Text(status, "exitstatus");
                if (exit == "OK")
                {
                    return;
                }

                throw new ProxmoxSdnException(SdnErrorKind.ApplyFailed,
                    $"The SDN apply task {upid} on cluster {_options.ClusterName} ended with '{exit}'. See the task log in the GUI (node {upid.Node} > Task History).");
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new ProxmoxSdnException(SdnErrorKind.ApplyFailed,
                    $"The SDN apply task {upid} on cluster {_options.ClusterName} was still running after {_options.TaskTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(_options.TaskPollInterval, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<NodeZoneStatus>> WaitForZonesAsync(
        IReadOnlyList<string> nodes, IReadOnlyList<string> zones, CancellationToken cancellationToken)
    {
        var result = new List<NodeZoneStatus>();
        foreach (var node in nodes)
        {
            var last = zones.ToDictionary(z => z, _ => "missing", StringComparer.Ordinal);
            for (var attempt = 1; attempt <= _options.ZonePollAttempts; attempt++)
            {
                JsonElement data;
                try
                {
                    data = await _api.GetAsync(ApiPath.Of("/nodes", node, "sdn", "zones"), null, cancellationToken);
                }
                catch (ProxmoxSdnException ex)
                {
                    // An offline node must not fail the reconcile after a successful apply: report it.
                    foreach (var zone in zones)
                    {
                        last[zone] = "unreachable: " + ex.Message;
                    }

                    break;
                }

                foreach (var item in data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().ToList() : [])
                {
                    if (Text(item, "zone") is { } zone && last.ContainsKey(zone))
                    {
                        last[zone] = Text(item, "status") ?? "missing";
                    }
                }

                if (last.Values.All(s => s is "available" or "error") || attempt == _options.ZonePollAttempts)
                {
                    break;
                }

                await Task.Delay(_options.ZonePollInterval, cancellationToken);
            }

            foreach (var (zone, status) in last.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (status != "available")
                {
                    ReconcileLog.ZoneNotAvailable(_logger, _options.ClusterName, node, zone, status);
                }

                result.Add(new NodeZoneStatus(node, zone, status));
            }
        }

        return result;
    }

    private static string? Text(JsonElement item, string key) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;
}
