namespace WireGuard.Noise;

/// <summary>
/// previous / current / next keypairs of a peer with the rotation rules of the whitepaper: an initiator uses a
/// new session at once; a responder keeps it as "next" until the first packet arrives on it.
/// Lock rule: mutations under <c>lock (keypairs)</c>; <see cref="Current"/> is read lock-free on the data path.
/// Every method returns the keypairs that dropped out so the caller can unregister their indices.
/// </summary>
internal sealed class Keypairs
{
    private volatile Keypair? _current;

    public Keypair? Previous { get; private set; }

    public Keypair? Current => _current;

    public Keypair? Next { get; private set; }

    /// <summary>Installs a freshly derived keypair.</summary>
    public void Install(Keypair kp, List<Keypair> dropped)
    {
        lock (this)
        {
            if (kp.IsInitiator)
            {
                Add(dropped, Previous);
                if (Next is not null)
                {
                    Previous = Next;
                    Next = null;
                    Add(dropped, _current);
                }
                else
                {
                    Previous = _current;
                }

                _current = kp;
            }
            else
            {
                Add(dropped, Next);
                Add(dropped, Previous);
                Next = kp;
                Previous = null;
            }
        }
    }

    /// <summary>Called for every authenticated packet; true when it confirmed "next" (responder handshake complete).</summary>
    public bool Received(Keypair kp, List<Keypair> dropped)
    {
        if (!ReferenceEquals(kp, Next))
        {
            return false;
        }

        lock (this)
        {
            if (!ReferenceEquals(kp, Next))
            {
                return false;
            }

            Add(dropped, Previous);
            Previous = _current;
            _current = Next;
            Next = null;
            return true;
        }
    }

    /// <summary>Drops every keypair.</summary>
    public void Clear(List<Keypair> dropped)
    {
        lock (this)
        {
            Add(dropped, Previous);
            Add(dropped, _current);
            Add(dropped, Next);
            Previous = null;
            _current = null;
            Next = null;
        }
    }

    /// <summary>Stops sending on the current session (a new handshake follows).</summary>
    public void ExpireCurrent()
    {
        lock (this)
        {
            _current?.ExpireForSending();
            Next?.ExpireForSending();
        }
    }

    private static void Add(List<Keypair> dropped, Keypair? kp)
    {
        if (kp is not null)
        {
            dropped.Add(kp);
        }
    }
}
