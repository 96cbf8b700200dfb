using Oso.School.Doel;
using Oso.School.Portal.Doel;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

public sealed class TraceWoordenTests
{
    [Fact]
    public void The_session_id_goes_behind_details_and_the_step_reads_as_words()
    {
        var id = Guid.NewGuid();
        var step = new TraceStep(DateTimeOffset.UnixEpoch, "Sessie bij het Traffic Center", "Traffic Center", null,
            $"Sessie {id} toegekend; de bronschool heeft 2 actief aanleverpunt(en).", null, true);

        var words = TraceWoorden.Toelichting(step);

        Assert.Equal("Sessie toegekend; de bronschool heeft 2 actief aanleverpunt(en).", words);
        UserFacingText.AssertVisibleWords(words, "stap");
        Assert.Equal("sessie " + id, TraceWoorden.Technisch(step));
    }
}
