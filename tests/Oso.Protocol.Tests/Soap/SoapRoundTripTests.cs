using Oso.Protocol.Messages;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Tests.Soap;

public class SoapRoundTripTests
{
    public static TheoryData<int> MessageIndexes
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 0; i < TestData.AllMessages().Count(); i++) data.Add(i);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MessageIndexes))]
    public async Task Every_message_reads_back_equal_to_what_was_written(int index)
    {
        var message = TestData.AllMessages().ElementAt(index);

        var result = await TestData.ReadAsync(await TestData.WriteAsync(message));

        var read = Assert.IsType<SoapReadResult.Read>(result).Message;
        Assert.Equal(message, read);
        Assert.Equal(message.GetType(), read.GetType());
    }

    [Fact]
    public void Every_operation_has_a_request_and_a_response_in_the_test_set()
    {
        var messages = TestData.AllMessages().ToList();
        foreach (var operation in OsoOperations.Alle)
        {
            Assert.Contains(messages, m => m.Operation == operation && m is OsoRequest);
            Assert.Contains(messages, m => m.Operation == operation && m is OsoResponse);
        }
    }

    [Fact]
    public async Task A_fault_reads_back_with_code_text_and_location()
    {
        var fault = new SoapFault(SoapFaultCode.Client, SoapFoutcodes.TeDiep, "Het bericht is te diep genest.") { Regel = 3, Kolom = 17 };
        using var buffer = new MemoryStream();
        await SoapWriter.WriteFaultAsync(buffer, fault, TestData.Ct);

        var result = await SoapReader.ReadAsync(new MemoryStream(buffer.ToArray()), cancellationToken: TestData.Ct);

        Assert.Equal(fault, Assert.IsType<SoapReadResult.FaultReceived>(result).Fault);
    }

    [Fact]
    public async Task The_dossier_bytes_come_back_unchanged()
    {
        var message = new DocumentResponse.Geleverd(TestData.Dossier);

        var read = TestData.Read<DocumentResponse.Geleverd>(await TestData.ReadAsync(await TestData.WriteAsync(message)));

        Assert.Equal(TestData.DossierXml, System.Text.Encoding.UTF8.GetString(read.Dossier.Utf8.Span));
    }
}
