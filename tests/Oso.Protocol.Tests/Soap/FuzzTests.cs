using Oso.Protocol.Soap;

namespace Oso.Protocol.Tests.Soap;

public class FuzzTests
{
    [Fact]
    public async Task Two_thousand_mutated_messages_give_values_and_never_an_exception()
    {
        var random = new Random(20200910);
        var originals = new List<byte[]>();
        foreach (var message in TestData.AllMessages()) originals.Add(await TestData.WriteAsync(message));
        var counts = new Dictionary<string, int>();

        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])originals[random.Next(originals.Count)].Clone();
            switch (random.Next(4))
            {
                case 0: // flip bytes
                    for (var k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 1: // truncate
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                case 2: // duplicate a slice
                    var at = random.Next(bytes.Length);
                    var length = random.Next(Math.Min(64, bytes.Length - at) + 1);
                    bytes = [.. bytes[..at], .. bytes[at..(at + length)], .. bytes[at..]];
                    break;
                default: // swap two printable characters
                    var a = random.Next(bytes.Length);
                    var b = random.Next(bytes.Length);
                    (bytes[a], bytes[b]) = (bytes[b], bytes[a]);
                    break;
            }

            var result = await TestData.ReadAsync(bytes);

            var kind = result switch
            {
                SoapReadResult.Read => "read",
                SoapReadResult.Rejected r => r.Fault.Foutcode,
                SoapReadResult.FaultReceived => "fault",
                _ => throw new InvalidOperationException("unknown result"),
            };
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        Assert.True(counts.Count > 5, string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}")));
    }
}
