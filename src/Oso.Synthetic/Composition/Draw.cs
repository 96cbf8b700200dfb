using Bogus;

namespace Oso.Synthetic.Composition;

/// <summary>
/// The random source of one dossier: a Bogus faker with the Dutch locale and its own seeded randomizer (never
/// Bogus' global seed, never its clock-relative date methods), plus the draws the composers need.
/// </summary>
internal sealed class Draw(int seed)
{
    public Faker Faker { get; } = new("nl") { Random = new Randomizer(seed) };

    private Randomizer R => Faker.Random;

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => R.Double() < p;

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Int(int min, int max) => R.Int(min, max);

    public T Pick<T>(IReadOnlyList<T> items) => items[R.Int(0, items.Count - 1)];

    /// <summary>A date from <paramref name="from"/> to <paramref name="to"/>, both included (<paramref name="from"/> when the range is empty).</summary>
    public DateOnly Date(DateOnly from, DateOnly to) => from.AddDays(R.Int(0, Math.Max(0, to.DayNumber - from.DayNumber)));

    /// <summary>A weekday from <paramref name="from"/> to <paramref name="to"/> (a range of at least a week): tests are not taken at weekends.</summary>
    public DateOnly Weekday(DateOnly from, DateOnly to)
    {
        var date = Date(from, to);
        var step = date.AddDays(-2) >= from ? -1 : 1;
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) date = date.AddDays(step);
        return date;
    }

    /// <summary>A standard normal value (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - R.Double();
        var u2 = R.Double();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary><paramref name="count"/> random decimal digits.</summary>
    public string Digits(int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++) chars[i] = (char)('0' + R.Int(0, 9));
        return new string(chars);
    }

    /// <summary>A random capital letter from <paramref name="letters"/>.</summary>
    public char Letter(string letters = "ABCDEFGHJKLMNPRSTVWXZ") => letters[R.Int(0, letters.Length - 1)];

    /// <summary>A seed for an independent random stream (attachments), drawn so that the rest does not depend on its use.</summary>
    public int Seed() => R.Int();
}
