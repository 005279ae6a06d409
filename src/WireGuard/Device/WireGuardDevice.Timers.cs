using WireGuard.Timers;

namespace WireGuard.Device;

/// <summary>The device timer: polls every peer's <see cref="PeerTimers"/> and carries out what is due.</summary>
public sealed partial class WireGuardDevice
{
    private int _timersRunning;

    /// <summary>Runs every due peer timer now (the periodic timer calls this; tests call it after moving a fake clock).</summary>
    internal void RunTimers()
    {
        if (_disposed || Interlocked.Exchange(ref _timersRunning, 1) != 0)
        {
            return;
        }

        try
        {
            var now = NowMs;
            RefreshPathMtus(now);
            foreach (var peer in _peers.Values)
            {
                TimerActions due;
                lock (peer.TimerLock)
                {
                    if (peer.Timers.NextDeadline > now)
                    {
                        continue;
                    }

                    due = peer.Timers.Poll(now);
                }

                Run(peer, due);
            }
        }
#pragma warning disable CA1031 // the timer must keep running
        catch (Exception ex) when (!_disposed)
        {
            Log.LoopFailed(_log, ex, _tun.Name, "timer");
        }
#pragma warning restore CA1031
        finally
        {
            Volatile.Write(ref _timersRunning, 0);
        }
    }

    /// <summary>True when the peer has a current session keypair (for tests and diagnostics).</summary>
    internal bool HasSession(Key peer) => _peers.TryGetValue(peer, out var p) && p.Keypairs.Current is not null;

    private void Run(Peer peer, TimerActions due)
    {
        if (due.HasFlag(TimerActions.GiveUp))
        {
            Log.HandshakeGaveUp(_log, peer.PublicKey.ToBase64(), Noise.Protocol.RekeyAttemptTimeMs / 1000);
            DropStaged(peer);
        }

        if (due.HasFlag(TimerActions.RetransmitInitiation))
        {
            SendInitiation(peer, isRetry: true);
        }

        if (due.HasFlag(TimerActions.NewInitiation))
        {
            SendInitiation(peer, isRetry: false);
        }

        if (due.HasFlag(TimerActions.SendKeepalive))
        {
            SendKeepalive(peer);
        }

        if (due.HasFlag(TimerActions.ZeroKeys))
        {
            Log.KeysZeroed(_log, peer.PublicKey.ToBase64());
            ZeroPeerKeys(peer);
        }
    }
}
