namespace Mesh.Daemon.Probe;

/// <summary>The largest packet that crossed, and how many probes it took (null when not even the lower bound crossed).</summary>
/// <param name="Mtu">Largest IPv4 packet size (bytes) that got a reply, or null.</param>
/// <param name="Probes">Probes sent.</param>
public sealed record PathMtuSearchResult(int? Mtu, int Probes);

/// <summary>
/// Binary search for the largest packet a path carries with don't-fragment: the upper bound first (the common case
/// answers in one probe), then the lower bound, then halving; an ICMP fragmentation-needed's MTU narrows the range
/// at once. Bounded by <c>maxProbes</c>; when it runs out the answer is the largest size seen to pass (conservative).
/// </summary>
public static class PathMtuSearch
{
    /// <summary>The smallest MTU IPv6 allows, the lower bound of the search.</summary>
    public const int MinimumMtu = 1280;

    /// <summary>At most this many probes per search.</summary>
    public const int MaxProbes = 12;

    /// <summary>Searches [<paramref name="low"/>, <paramref name="high"/>] with <paramref name="probe"/>.</summary>
    public static PathMtuSearchResult Run(Func<int, EchoResult> probe, int high, int low = MinimumMtu, int maxProbes = MaxProbes)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (high < low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, $"the upper bound must be at least {low}");
        }

        var probes = 0;
        int? hint = null;
        var lastTimedOut = false;
        bool Passes(int size)
        {
            probes++;
            var r = probe(size);
            lastTimedOut = r.Outcome == EchoOutcome.Timeout;
            if (r.Outcome == EchoOutcome.TooBig && r.ReportedMtu is { } m && m < size)
            {
                hint = m;
            }

            return r.Outcome == EchoOutcome.Reply;
        }

        // the upper bound is asked twice when it only timed out: on a clean path a single lost echo would otherwise
        // send the search down and report one byte less than the path carries
        if (Passes(high) || (lastTimedOut && probes < maxProbes && Passes(high)))
        {
            return new PathMtuSearchResult(high, probes);
        }

        if (probes >= maxProbes || !Passes(low))
        {
            return new PathMtuSearchResult(null, probes);
        }

        int lo = low, hi = high - 1;
        while (lo < hi && probes < maxProbes)
        {
            // a reported MTU inside the range is tried next: when it passes, larger sizes are known not to
            var reported = hint is { } h && h > lo && h <= hi ? h : 0;
            var mid = reported > 0 ? reported : lo + ((hi - lo + 1) / 2);
            hint = null;
            if (Passes(mid))
            {
                lo = mid;
                hi = reported > 0 ? mid : hi;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return new PathMtuSearchResult(lo, probes);
    }
}
