using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Oso.School.Outbox;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Outbox;

public sealed class OutboxTests
{
    private sealed class Recorder : IOutboxHandler
    {
        public ConcurrentQueue<string> Runs { get; } = new();
        public Func<OutboxMessage, OutboxOutcome> Decide { get; set; } = _ => OutboxOutcome.Done;
        public string Kind => "test";

        public Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Runs.Enqueue(message.IdempotencyKey);
            return Task.FromResult(Decide(message));
        }
    }

    private static async Task<(TestServices Services, Recorder Handler, FakeTimeProvider Time)> CreateAsync(DatabaseProvider engine)
    {
        var recorder = new Recorder();
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var services = await TestServices.CreateAsync(engine, s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.AddSingleton<IOutboxHandler>(recorder);
        });
        return (services, recorder, time);
    }

    private static OutboxWorker Worker(TestServices services, string? name = null) => new(
        services.Get<IDbContextFactory<SchoolDbContext>>(), services.Provider.GetServices<IOutboxHandler>(), services.Get<OutboxQueue>(),
        services.Get<TimeProvider>(), Options.Create(new OutboxOptions()), NullLogger<OutboxWorker>.Instance);

    private static Task Enqueue(TestServices services, string key, TimeSpan? delay = null) =>
        services.Get<SchoolStore>().WriteAsync(db => services.Get<OutboxQueue>().EnqueueAsync(db, "test", new { key }, key, delay));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_queued_message_runs_once_and_a_repeated_key_is_not_queued_again(DatabaseProvider engine)
    {
        var (services, handler, _) = await CreateAsync(engine);
        await using var _ = services;
        await Enqueue(services, "a");
        await Enqueue(services, "a");

        var worker = Worker(services);
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));
        Assert.False(await worker.RunOneAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["a"], handler.Runs);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failed_attempt_is_retried_after_a_growing_delay_and_given_up_at_the_maximum(DatabaseProvider engine)
    {
        var (services, handler, time) = await CreateAsync(engine);
        await using var _ = services;
        handler.Decide = _ => OutboxOutcome.RetryLater("doel niet bereikbaar");
        await Enqueue(services, "b");
        var worker = Worker(services);

        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));
        Assert.False(await worker.RunOneAsync(TestContext.Current.CancellationToken)); // not due yet
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(await worker.RunOneAsync(TestContext.Current.CancellationToken)); // the second delay is 4 s
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));

        for (var i = 0; i < 20; i++)
        {
            time.Advance(TimeSpan.FromHours(2));
            await worker.RunOneAsync(TestContext.Current.CancellationToken);
        }
        await using var db = services.Get<SchoolStore>().Read();
        var row = await db.Outbox.SingleAsync();
        Assert.NotNull(row.FailedAt);
        Assert.Equal(new OutboxOptions().MaxAttempts, row.Attempts);
        Assert.Contains("doel niet bereikbaar", row.LastError);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Work_claimed_by_an_instance_that_crashed_is_taken_over_after_the_lease(DatabaseProvider engine)
    {
        var (services, handler, time) = await CreateAsync(engine);
        await using var _ = services;
        await Enqueue(services, "c");
        // an instance claims the message and dies before finishing it
        handler.Decide = _ => throw new OperationCanceledException("process killed");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Worker(services, "crashed").RunOneAsync(TestContext.Current.CancellationToken));
        handler.Decide = _ => OutboxOutcome.Done;

        var other = Worker(services, "other");
        Assert.False(await other.RunOneAsync(TestContext.Current.CancellationToken)); // still leased
        time.Advance(new OutboxOptions().Lease + TimeSpan.FromSeconds(1));
        Assert.True(await other.RunOneAsync(TestContext.Current.CancellationToken));

        await using var db = services.Get<SchoolStore>().Read();
        Assert.NotNull((await db.Outbox.SingleAsync()).CompletedAt);
        Assert.Equal(["c", "c"], handler.Runs);
    }

    [Fact]
    public async Task Instances_on_one_PostgreSQL_never_run_the_same_message_at_the_same_time()
    {
        var (services, handler, _) = await CreateAsync(DatabaseProvider.Postgres);
        await using var _ = services;
        for (var i = 0; i < 40; i++) await Enqueue(services, "m" + i);
        var workers = Enumerable.Range(0, 4).Select(i => Worker(services, "w" + i)).ToList();

        await Task.WhenAll(workers.Select(w => Task.Run(async () =>
        {
            while (await w.RunOneAsync(TestContext.Current.CancellationToken)) { }
        })));

        Assert.Equal(40, handler.Runs.Count);
        Assert.Equal(40, handler.Runs.Distinct().Count());
    }
}
