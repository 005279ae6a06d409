namespace Frr.Tests;

/// <summary>Bounded polling: at most <c>limit</c> time, checking every half second.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        Assert.True(done(last), $"{what} not reached within {limit.TotalSeconds} s; last: {last}");
        return last;
    }
}
