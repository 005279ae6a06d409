using WireGuard.Device;

namespace WireGuard.Tests.Uapi;

/// <summary>An in-memory IWireGuardDevice that records applied changes and can be told to refuse them.</summary>
internal sealed class FakeDevice : IWireGuardDevice
{
    public List<DeviceConfigChange> Applied { get; } = [];

    public DeviceStatus Status { get; set; } = new(null, null, 0, 0, []);

    public WireGuardConfigException? Refuse { get; set; }

    public void Apply(DeviceConfigChange change)
    {
        if (Refuse is { } e)
        {
            throw e;
        }

        lock (Applied)
        {
            Applied.Add(change);
        }
    }

    public DeviceStatus GetStatus() => Status;
}
