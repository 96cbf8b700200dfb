using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

        /// <summary>Set for work that takes a while (gets the token the worker passes).</summary>
        public Func<OutboxMessage, CancellationToken, Task<OutboxOutcome>>? Run { get; set; }

        public Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Runs.Enqueue(message.IdempotencyKey);
            return Run is { } run ? run(message, cancellationToken) : Task.FromResult(Decide(message));
        }

        public ConcurrentQueue<string> GivenUp { get; } = new();
        public Action<OutboxMessage> OnGivenUp { get; set; } = _ => { };

        public Task OnGivenUpAsync(SchoolDbContext db, OutboxMessage message, string reason, CancellationToken cancellationToken)
        {
            OnGivenUp(message);
            GivenUp.Enqueue(message.IdempotencyKey + ": " + reason);
            return Task.CompletedTask;
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

    private static OutboxWorker Worker(TestServices services, string? name = null, OutboxOptions? options = null, ILogger<OutboxWorker>? logger = null) => new(
        services.Get<IDbContextFactory<SchoolDbContext>>(), services.Get<SchoolStore>(), services.Provider.GetServices<IOutboxHandler>(),
        services.Get<OutboxQueue>(), services.Get<TimeProvider>(), Options.Create(options ?? new OutboxOptions()), logger ?? NullLogger<OutboxWorker>.Instance);

    /// <summary>
    /// An instance claims the message and is killed (SIGKILL) while its handler runs: the claim stays as the worker wrote
    /// it (owner, lease, the attempt counted). A stop here would hand the claim back; a kill cannot, so the claim as it
    /// was during the handler is put back after the stop.
    /// </summary>
    private static async Task CrashWhileRunningAsync(TestServices services, Recorder handler, OutboxOptions options)
    {
        using var shutdown = new CancellationTokenSource();
        OutboxMessage? claimed = null;
        handler.Run = async (message, ct) =>
        {
            await using (var db = services.Get<SchoolStore>().Read())
                claimed = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == message.Id, ct);
            await shutdown.CancelAsync();
            throw new OperationCanceledException(shutdown.Token);
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Worker(services, "killed", options).RunOneAsync(shutdown.Token));
        handler.Run = null;
        Assert.NotNull(claimed);
        await services.Get<SchoolStore>().WriteAsync(async db =>
        {
            var row = await db.Outbox.SingleAsync(m => m.Id == claimed.Id);
            (row.LockedBy, row.LockedUntil, row.Attempts) = (claimed.LockedBy, claimed.LockedUntil, claimed.Attempts);
        });
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(10))) Assert.Fail(what);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

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
        Assert.Equal(["b: doel niet bereikbaar"], handler.GivenUp); // the handler heard once, to record the failure
    }

    [Fact]
    public async Task Work_whose_handler_cannot_record_the_give_up_is_still_given_up_and_not_run_again()
    {
        var (services, handler, time) = await CreateAsync(DatabaseProvider.Sqlite);
        await using var _ = services;
        handler.Decide = _ => OutboxOutcome.GiveUp("bestaat niet meer");
        handler.OnGivenUp = _ => throw new InvalidOperationException("a bug");
        await Enqueue(services, "f");
        var worker = Worker(services);

        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));
        time.Advance(new OutboxOptions().Lease + TimeSpan.FromHours(2));
        Assert.False(await worker.RunOneAsync(TestContext.Current.CancellationToken));

        await using var db = services.Get<SchoolStore>().Read();
        var row = await db.Outbox.SingleAsync();
        Assert.NotNull(row.FailedAt);
        Assert.Equal("bestaat niet meer", row.LastError);
        Assert.Equal(["f"], handler.Runs);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Work_claimed_by_an_instance_that_crashed_is_taken_over_after_the_lease(DatabaseProvider engine)
    {
        var (services, handler, time) = await CreateAsync(engine);
        await using var _ = services;
        await Enqueue(services, "c");
        // an instance claims the message and is killed before finishing it
        await CrashWhileRunningAsync(services, handler, new OutboxOptions());
        handler.Decide = _ => OutboxOutcome.Done;

        var other = Worker(services, "other");
        Assert.False(await other.RunOneAsync(TestContext.Current.CancellationToken)); // still leased
        time.Advance(new OutboxOptions().Lease + TimeSpan.FromSeconds(1));
        Assert.True(await other.RunOneAsync(TestContext.Current.CancellationToken));

        await using var db = services.Get<SchoolStore>().Read();
        Assert.NotNull((await db.Outbox.SingleAsync()).CompletedAt);
        Assert.Equal(["c", "c"], handler.Runs);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_handler_that_runs_longer_than_the_lease_keeps_its_claim_and_no_other_instance_runs_it_meanwhile(DatabaseProvider engine)
    {
        var (services, handler, time) = await CreateAsync(engine);
        await using var _ = services;
        var lease = new OutboxOptions().Lease;
        await Enqueue(services, "long");
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        handler.Run = async (_, ct) =>
        {
            started.SetResult();
            await release.Task.WaitAsync(ct);
            return OutboxOutcome.Done;
        };
        var running = Worker(services, "first").RunOneAsync(TestContext.Current.CancellationToken);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // well past the first lease, a third of a lease at a time: the running instance renews its claim each time
        for (var beat = 0; beat < 4; beat++)
        {
            time.Advance(lease / 3 + TimeSpan.FromSeconds(1));
            var expected = time.GetUtcNow() + lease;
            await WaitUntilAsync(() => LockedUntil(services) == expected, $"the claim was not renewed at beat {beat}");
            await Task.Delay(50, TestContext.Current.CancellationToken); // the next beat's timer is set
        }
        Assert.False(await Worker(services, "second").RunOneAsync(TestContext.Current.CancellationToken), "another instance took over running work");

        release.SetResult();
        Assert.True(await running);
        Assert.Equal(["long"], handler.Runs);
        await using var db = services.Get<SchoolStore>().Read();
        Assert.NotNull((await db.Outbox.SingleAsync()).CompletedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_node_that_stops_hands_its_running_work_back_so_another_instance_resumes_it_at_once(DatabaseProvider engine)
    {
        var (services, handler, _) = await CreateAsync(engine);
        await using var _ = services;
        await Enqueue(services, "interrupted");
        var started = new TaskCompletionSource();
        handler.Run = async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return OutboxOutcome.Done;
        };
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = Worker(services, "stopping").RunOneAsync(stopping.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await using (var db = services.Get<SchoolStore>().Read())
        {
            var row = await db.Outbox.SingleAsync();
            Assert.Null(row.LockedBy);
            Assert.Equal(0, row.Attempts); // stopping is not an attempt
        }

        // no time passes (the lease has not expired): another instance takes it over right away and finishes it
        handler.Run = null;
        Assert.True(await Worker(services, "other").RunOneAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["interrupted", "interrupted"], handler.Runs);
        await using var after = services.Get<SchoolStore>().Read();
        var done = await after.Outbox.SingleAsync();
        Assert.NotNull(done.CompletedAt);
        Assert.Equal(1, done.Attempts);
    }

    [Fact]
    public async Task A_handler_whose_claim_was_taken_over_is_cancelled_and_its_outcome_ignored()
    {
        var (services, handler, time) = await CreateAsync(DatabaseProvider.Sqlite);
        await using var _ = services;
        await Enqueue(services, "stalled");
        var started = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        handler.Run = async (_, ct) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult();
                throw;
            }
            return OutboxOutcome.Done;
        };
        var running = Worker(services, "stalled-instance").RunOneAsync(TestContext.Current.CancellationToken);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        // meanwhile another instance took the message over (this one stalled past its lease)
        await services.Get<SchoolStore>().WriteAsync(async db => (await db.Outbox.SingleAsync()).LockedBy = "another-instance");

        time.Advance(new OutboxOptions().Lease / 3 + TimeSpan.FromSeconds(1));

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(await running);
        await using var db = services.Get<SchoolStore>().Read();
        var row = await db.Outbox.SingleAsync();
        Assert.Equal("another-instance", row.LockedBy); // left to the instance that has it
        Assert.Null(row.CompletedAt);
        Assert.Null(row.LastError);
    }

    private static DateTimeOffset? LockedUntil(TestServices services)
    {
        using var db = services.Get<SchoolStore>().Read();
        return db.Outbox.AsNoTracking().Single().LockedUntil;
    }

    [Fact]
    public async Task Work_that_ends_the_process_on_every_attempt_is_given_up_instead_of_claimed_forever()
    {
        var (services, handler, time) = await CreateAsync(DatabaseProvider.Sqlite);
        await using var _ = services;
        var options = new OutboxOptions { MaxAttempts = 3 };
        await Enqueue(services, "poison");
        for (var attempt = 0; attempt < options.MaxAttempts; attempt++)
        {
            // each attempt: the process is killed in the middle of the work, so the message is never finished
            await CrashWhileRunningAsync(services, handler, options);
            time.Advance(options.Lease + TimeSpan.FromSeconds(1));
        }
        handler.Decide = _ => OutboxOutcome.Done;

        Assert.True(await Worker(services, "after", options).RunOneAsync(TestContext.Current.CancellationToken));

        Assert.Equal(options.MaxAttempts, handler.Runs.Count); // not run a fourth time
        await using var db = services.Get<SchoolStore>().Read();
        var row = await db.Outbox.SingleAsync();
        Assert.NotNull(row.FailedAt);
        Assert.Null(row.CompletedAt);
        Assert.Contains("brak de verwerking af", row.LastError);
        Assert.Single(handler.GivenUp); // the handler can still record the failure (a transfer ends Mislukt)
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_handler_that_times_out_is_retried_later_and_the_worker_keeps_doing_other_work(DatabaseProvider engine)
    {
        var (services, handler, _) = await CreateAsync(engine);
        await using var _ = services;
        // what HttpClient throws when its timeout passes: a cancellation that is not the node shutting down
        handler.Decide = m => m.IdempotencyKey == "hangs"
            ? throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 15 seconds elapsing.")
            : OutboxOutcome.Done;
        var worker = Worker(services, options: new OutboxOptions { PollInterval = TimeSpan.FromMilliseconds(100) });
        await worker.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await Enqueue(services, "hangs");
            await WaitUntilAsync(() => handler.Runs.Contains("hangs"), "the first message never ran");
            await Enqueue(services, "next");
            await WaitUntilAsync(() => handler.Runs.Contains("next"), "the worker stopped after a handler timed out: later work never ran");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        await using var db = services.Get<SchoolStore>().Read();
        var hangs = await db.Outbox.SingleAsync(m => m.IdempotencyKey == "hangs");
        Assert.Null(hangs.FailedAt);
        Assert.Null(hangs.CompletedAt);
        Assert.Equal("TaskCanceledException", hangs.LastError);
        Assert.True(hangs.DueAt > hangs.CreatedAt, "a retry waits for its backoff");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task With_several_workers_one_instance_runs_queued_messages_at_once_each_exactly_once(DatabaseProvider engine)
    {
        var (services, handler, _) = await CreateAsync(engine);
        await using var _ = services;
        const int workers = 4;
        var running = 0;
        var allRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.Run = async (_, ct) =>
        {
            // each handler waits until all four run at the same time: one loop (or one woken loop) never gets there
            if (Interlocked.Increment(ref running) == workers) allRunning.TrySetResult();
            await allRunning.Task.WaitAsync(ct);
            return OutboxOutcome.Done;
        };
        // woken only by the commit (no poll within the test): the first loop woken must wake the others
        var worker = Worker(services, options: new OutboxOptions { Workers = workers, PollInterval = TimeSpan.FromMinutes(5) });
        await worker.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await services.Get<SchoolStore>().WriteAsync(async db =>
            {
                foreach (var key in new[] { "a", "b", "c", "d" })
                    await services.Get<OutboxQueue>().EnqueueAsync(db, "test", new { key }, key);
            });

            await allRunning.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
            await WaitUntilAsync(() =>
            {
                using var db = services.Get<SchoolStore>().Read();
                return db.Outbox.AsNoTracking().Count(m => m.CompletedAt != null) == workers;
            }, "the four messages were not all completed");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
        Assert.Equal(["a", "b", "c", "d"], handler.Runs.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Work_queued_in_a_transaction_starts_as_soon_as_the_transaction_commits(DatabaseProvider engine)
    {
        var (services, handler, _) = await CreateAsync(engine);
        await using var _ = services;
        var worker = Worker(services, options: new OutboxOptions { PollInterval = TimeSpan.FromMinutes(5) });
        await worker.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await Task.Delay(300, TestContext.Current.CancellationToken); // the worker found nothing and waits to be woken
            await services.Get<SchoolStore>().WriteAsync(async db =>
            {
                await services.Get<OutboxQueue>().EnqueueAsync(db, "test", new { key = "d" }, "d");
                await Task.Delay(500, TestContext.Current.CancellationToken); // the rest of the unit of work
            });

            await WaitUntilAsync(() => handler.Runs.Contains("d"), "queued work waited for the next poll instead of starting after the commit",
                TimeSpan.FromSeconds(5));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_handler_s_exception_is_logged_by_its_type_only_never_with_its_message()
    {
        var (services, handler, _) = await CreateAsync(DatabaseProvider.Sqlite);
        await using var _ = services;
        using var log = new LogCapture();
        handler.Decide = _ => throw new InvalidOperationException("Leerling Jansen, BSN 999991073, niet gevonden");
        await Enqueue(services, "e");

        Assert.True(await Worker(services, logger: log.For<OutboxWorker>()).RunOneAsync(TestContext.Current.CancellationToken));

        Assert.Contains(log.Lines, l => l.Contains("InvalidOperationException", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Contains("Jansen", StringComparison.Ordinal) || l.Contains("999991073", StringComparison.Ordinal));
        await using var db = services.Get<SchoolStore>().Read();
        Assert.Equal("InvalidOperationException", (await db.Outbox.SingleAsync()).LastError);
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
