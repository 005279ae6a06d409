using Mesh.Daemon.Probe;

namespace Mesh.Daemon.Tests.Probe;

public sealed class PathMtuSearchTests
{
    private static Func<int, EchoResult> Path(int mtu, bool reports = false, List<int>? sent = null) => size =>
    {
        sent?.Add(size);
        return size <= mtu ? new EchoResult(EchoOutcome.Reply)
            : reports ? new EchoResult(EchoOutcome.TooBig, mtu) : new EchoResult(EchoOutcome.Timeout);
    };

    [Fact]
    public void Finds_every_path_mtu_between_1280_and_the_device_mtu_within_12_probes()
    {
        for (var mtu = 1280; mtu <= 1440; mtu++)
        {
            var r = PathMtuSearch.Run(Path(mtu), 1440);
            Assert.Equal(mtu, r.Mtu);
            Assert.InRange(r.Probes, 1, PathMtuSearch.MaxProbes);
        }

        for (var mtu = 1280; mtu <= 9000; mtu += 37)
        {
            Assert.InRange(PathMtuSearch.Run(Path(mtu), 9000).Probes, 1, PathMtuSearch.MaxProbes);
        }
    }

    [Fact]
    public void A_clean_path_answers_with_one_probe_at_the_device_mtu()
    {
        var sent = new List<int>();
        var r = PathMtuSearch.Run(Path(1500, sent: sent), 1440);
        Assert.Equal(1440, r.Mtu);
        Assert.Equal([1440], sent);
    }

    [Fact]
    public void One_lost_echo_at_the_device_mtu_is_asked_again_not_taken_for_a_smaller_path()
    {
        var sent = new List<int>();
        var lost = false;
        var r = PathMtuSearch.Run(size =>
        {
            sent.Add(size);
            if (!lost)
            {
                lost = true;
                return new EchoResult(EchoOutcome.Timeout);
            }

            return new EchoResult(EchoOutcome.Reply);
        }, 1440);
        Assert.Equal(1440, r.Mtu);
        Assert.Equal([1440, 1440], sent);
    }

    [Fact]
    public void A_reported_mtu_is_confirmed_with_one_probe()
    {
        var sent = new List<int>();
        var r = PathMtuSearch.Run(Path(1340, reports: true, sent: sent), 1440);
        Assert.Equal(1340, r.Mtu);
        Assert.Equal([1440, 1280, 1340], sent);
    }

    [Fact]
    public void A_wrong_report_does_not_stop_the_search()
    {
        // a hop claims 1400 but really carries 1300: the claim fails and the search goes on below it
        var r = PathMtuSearch.Run(size => size <= 1300 ? new EchoResult(EchoOutcome.Reply) : new EchoResult(EchoOutcome.TooBig, 1400), 1440);
        Assert.Equal(1300, r.Mtu);
    }

    [Fact]
    public void No_reply_even_at_1280_gives_no_mtu_after_three_probes()
    {
        var sent = new List<int>();
        var r = PathMtuSearch.Run(size =>
        {
            sent.Add(size);
            return new EchoResult(EchoOutcome.Timeout);
        }, 1440);
        Assert.Null(r.Mtu);
        Assert.Equal([1440, 1440, 1280], sent); // the upper bound twice (one loss is not a verdict), then the lower
    }

    [Fact]
    public void Out_of_probes_answers_the_largest_size_seen_to_pass()
    {
        var r = PathMtuSearch.Run(Path(1337), 1440, maxProbes: 4);
        Assert.Equal(4, r.Probes);
        Assert.True(r.Mtu <= 1337, $"{r.Mtu} claims more than the path carries");
    }

    [Fact]
    public void An_upper_bound_below_1280_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PathMtuSearch.Run(Path(1500), 1200));
}
