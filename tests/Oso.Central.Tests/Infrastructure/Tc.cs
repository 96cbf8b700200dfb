using Oso.Dossier.Identifiers;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Central.Tests.Infrastructure;

/// <summary>Calls the Traffic Center as a system would, and unwraps the answers.</summary>
public static class Tc
{
    public static readonly Pgn Pgn = Pgn.Parse("999991000");

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static SessieSleutel.Zoek NieuweZoeksleutel() => new(Zoeksleutel.Bereken(Pgn, ZoeksleutelGeheim.Nieuw()));

    public static OverdrachtRequest Overdracht(OsoSchool bron, OsoSchool doel, SessieSleutel? sleutel = null,
        Overdrachtsoort soort = Overdrachtsoort.Overstapdossier, RouteringsKenmerk? bronRk = null, RouteringsKenmerk? doelRk = null) =>
        new(bron.BrinValue, bronRk, doel.BrinValue, doelRk ?? doel.RkValue, sleutel ?? NieuweZoeksleutel(), soort);

    public static Routering Routing(OsoSchool bron, OsoSchool doel) => new(bron.BrinValue, bron.RkValue, doel.BrinValue, doel.RkValue);

    public static async Task<TResponse> CallAsync<TResponse>(this TestSystem system, CentralHandle central, OsoRequest<TResponse> request)
        where TResponse : OsoResponse
    {
        var result = await system.Soap.SendAsync(central.TrafficCenterUrl, request, Ct);
        return result switch
        {
            OsoCallResult<TResponse>.Success s => s.Response,
            OsoCallResult<TResponse>.Failure f => throw new Xunit.Sdk.XunitException($"Call failed: {f.Fout.Soort} {f.Fout.Omschrijving}"),
            _ => throw new InvalidOperationException(),
        };
    }

    public static async Task<OsoCallFailure> FailAsync<TResponse>(this TestSystem system, CentralHandle central, OsoRequest<TResponse> request)
        where TResponse : OsoResponse
    {
        var result = await system.Soap.SendAsync(central.TrafficCenterUrl, request, Ct);
        return Assert.IsType<OsoCallResult<TResponse>.Failure>(result).Fout;
    }

    public static async Task<SessieId> SessionAsync(this TestSystem system, CentralHandle central, OverdrachtRequest request) =>
        Assert.IsType<OverdrachtResponse.Toegekend>(await system.CallAsync(central, request)).SessieId;

    public static async Task<ResultaatCode> RefusedAsync(this TestSystem system, CentralHandle central, OverdrachtRequest request) =>
        Assert.IsType<OverdrachtResponse.Geweigerd>(await system.CallAsync(central, request)).Resultaat;

    public static async Task<ResultaatCode?> ControleAsync(this TestSystem system, CentralHandle central, SessiecontroleRequest request) =>
        await system.CallAsync(central, request) is SessiecontroleResponse.Ongeldig o ? o.Resultaat : null;
}
