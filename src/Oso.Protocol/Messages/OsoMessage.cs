namespace Oso.Protocol.Messages;

/// <summary>Any OSO message: the content of a SOAP body.</summary>
public abstract record OsoMessage
{
    private protected OsoMessage()
    {
    }

    /// <summary>The operation this message belongs to.</summary>
    public abstract OsoOperation Operation { get; }

    /// <summary>The local name of the body element (e.g. <c>sessiecontroleRequest</c>).</summary>
    public abstract string ElementName { get; }
}

/// <summary>A request message.</summary>
public abstract record OsoRequest : OsoMessage
{
    private protected OsoRequest()
    {
    }

    /// <inheritdoc/>
    public sealed override string ElementName => Operation.RequestElement();
}

/// <summary>A request whose answer is a <typeparamref name="TResponse"/>.</summary>
/// <typeparam name="TResponse">The response type of the operation.</typeparam>
public abstract record OsoRequest<TResponse> : OsoRequest
    where TResponse : OsoResponse
{
    private protected OsoRequest()
    {
    }
}

/// <summary>A response message.</summary>
public abstract record OsoResponse : OsoMessage
{
    private protected OsoResponse()
    {
    }

    /// <inheritdoc/>
    public sealed override string ElementName => Operation.ResponseElement();
}
