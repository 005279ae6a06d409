namespace Mesh.Daemon.Probe;

/// <summary>What one don't-fragment echo probe came back with.</summary>
public enum EchoOutcome
{
    /// <summary>The echo reply arrived: a packet of that size crosses the path.</summary>
    Reply,

    /// <summary>Too big: refused locally (EMSGSIZE, the kernel knows a smaller path MTU) or an ICMP fragmentation-needed came back.</summary>
    TooBig,

    /// <summary>No answer within the timeout (lost, dropped by a hop that did not report, or the target is down).</summary>
    Timeout,

    /// <summary>Another error (unreachable, no route, no permission).</summary>
    Error,
}

/// <summary>One probe's outcome and, for <see cref="EchoOutcome.TooBig"/>, the MTU the ICMP error reported.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="ReportedMtu">Next-hop MTU from an ICMP fragmentation-needed (or the local path MTU), when known.</param>
public readonly record struct EchoResult(EchoOutcome Outcome, int? ReportedMtu = null);

/// <summary>Sends one ICMP echo of an exact IPv4 packet size with don't-fragment set and waits for the answer.</summary>
public interface IEchoProbe
{
    /// <summary>Blocks at most <paramref name="timeout"/>; <paramref name="packetSize"/> is the whole IPv4 packet (header included).</summary>
    EchoResult Send(System.Net.IPAddress target, int packetSize, TimeSpan timeout);
}
