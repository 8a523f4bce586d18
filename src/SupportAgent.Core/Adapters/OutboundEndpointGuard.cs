using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Outcomes;

namespace SupportAgent.Core.Adapters;

/// <summary>
/// Tenant-supplied URLs (adapter endpoints) are fetched by the server, so without a guard a tenant could make the server
/// reach inside its own network (SSRF). An endpoint must be plain http(s) with no userinfo, query or fragment, and every
/// address its host resolves to must be public, unless the operator lists the endpoint in
/// <c>SupportAgent:Adapters:AllowedEndpoints</c>. The check is repeated on every connection, against the very address
/// connected to (<see cref="CreateHandler"/>), so a DNS answer that changes after registration (rebinding) gains nothing;
/// redirects and proxies are never followed.
/// </summary>
public sealed class OutboundEndpointGuard(IOptions<AdapterOptions> options)
{
    /// <summary>The same words for every address refused, so the answer tells nothing about the inside of the network.</summary>
    public static readonly Refusal NotPublic = Refusal.Invalid(
        "'endpoint' must be a public http(s) address: loopback, private, link-local and metadata addresses are refused "
        + "unless the operator lists the endpoint in SupportAgent:Adapters:AllowedEndpoints.");

    /// <summary>What is wrong with the URL itself (checked before anything is resolved), or null.</summary>
    public static Refusal? CheckSyntax(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return Refusal.Invalid("'endpoint' must be the http(s) address of an OpenAI-compatible server, e.g. 'https://vllm.example.com' or 'https://vllm.example.com/v1'.");
        if (uri.UserInfo.Length > 0 || endpoint.Contains('@'))
            return Refusal.Invalid("'endpoint' must not contain a user name or password; send the server's key as 'apiKey'.");
        if (endpoint.Contains('#') || endpoint.Contains('?'))
            return Refusal.Invalid("'endpoint' must not contain a query or fragment ('?' or '#').");
        return null;
    }

    /// <summary>Null when the server may connect to the endpoint; otherwise the refusal for the admin. Sends nothing.</summary>
    public async Task<Refusal?> CheckAsync(string endpoint, CancellationToken ct)
    {
        if (CheckSyntax(endpoint) is { } syntax) return syntax;
        var uri = new Uri(endpoint);
        if (IsListed(uri)) return null;
        var addresses = await ResolveAsync(uri.DnsSafeHost, ct);
        if (addresses.Length == 0) return Refusal.Invalid($"'endpoint' host '{uri.Host}' could not be resolved.");
        return addresses.All(IsPermitted) ? null : NotPublic;
    }

    /// <summary>
    /// The only handler adapter traffic uses: connects to a resolved address that passes the check (no second lookup
    /// between check and connect), follows no redirect and uses no proxy.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = ConnectAsync,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var listed = context.InitialRequestMessage.RequestUri is { } uri && IsListed(uri);
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, ct);
        var permitted = addresses.Where(a => listed || IsPermitted(a)).ToList();
        // The same words whatever the reason, so nothing about the inside (refused, closed, open) reaches the tenant.
        if (permitted.Count == 0) throw new HttpRequestException("The adapter endpoint is not reachable.");
        foreach (var address in permitted)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) { socket.Dispose(); }
        }
        throw new HttpRequestException("The adapter endpoint is not reachable.");
    }

    private bool IsPermitted(IPAddress address) => IsPublic(address) || (options.Value.AllowLoopback && IPAddress.IsLoopback(Unmap(address)));

    /// <summary>True when the operator lists the endpoint: same scheme, host and port, and the path under the listed one.</summary>
    public bool IsListed(Uri uri) => options.Value.AllowedEndpoints.Any(prefix =>
        Uri.TryCreate(prefix, UriKind.Absolute, out var allowed)
        && allowed.Scheme == uri.Scheme && string.Equals(allowed.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase) && allowed.Port == uri.Port
        && (uri.AbsolutePath.TrimEnd('/') + "/").StartsWith(allowed.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal));

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return [literal];
        try { return await Dns.GetHostAddressesAsync(host, ct); }
        catch (SocketException) { return []; }
    }

    /// <summary>Public unicast only: no loopback, private, shared (CGNAT), link-local (cloud metadata), multicast or reserved ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        address = Unmap(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)      // shared address space, incl. 100.100.100.200 metadata
                || (b[0] == 169 && b[1] == 254)                   // link-local, incl. 169.254.169.254 metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var v6 = address.GetAddressBytes();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC) // fc00::/7 unique local, incl. fd00:ec2::254 metadata
            return false;
        // Forms that carry an IPv4 address inside: judge the address they lead to.
        if (v6[0] == 0x20 && v6[1] == 0x02) return IsPublic(new IPAddress(v6[2..6]));                            // 6to4 2002::/16
        if (v6.Take(12).SequenceEqual(new byte[] { 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 })) return IsPublic(new IPAddress(v6[12..])); // NAT64
        if (v6.Take(12).All(x => x == 0)) return false;                                                             // ::, ::a.b.c.d
        return (v6[0] & 0xE0) == 0x20; // global unicast 2000::/3 only
    }

    private static IPAddress Unmap(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
