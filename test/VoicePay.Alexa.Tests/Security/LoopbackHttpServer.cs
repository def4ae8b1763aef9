using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VoicePay.Alexa.Tests.Security;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 with an ephemeral port: one request per connection,
/// answered with whatever raw bytes the test chooses.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, byte[]> _respond;
    private readonly Task _loop;

    public LoopbackHttpServer(Func<string, byte[]> respond)
    {
        _respond = respond;
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public ConcurrentQueue<string> Paths { get; } = new();

    public static byte[] Response(int status, byte[] body, bool withContentLength = true, string extraHeaders = "")
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} Test\r\n")
            .Append("Connection: close\r\n")
            .Append("Content-Type: application/x-pem-file\r\n")
            .Append(extraHeaders);
        if (withContentLength)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var path = await ReadRequestPathAsync(stream, _stop.Token);
                    Paths.Enqueue(path);
                    await stream.WriteAsync(_respond(path), _stop.Token);
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                {
                    // The client hung up early (size limit, timeout): that is the behaviour under test.
                }
            }
        }
    }

    private static async Task<string> ReadRequestPathAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[1024];
        while (!EndsWithBlankLine(received))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var requestLine = Encoding.ASCII.GetString([.. received]).Split("\r\n")[0];
        var parts = requestLine.Split(' ');
        return parts.Length > 1 ? parts[1] : string.Empty;
    }

    private static bool EndsWithBlankLine(List<byte> received) =>
        received.Count >= 4
        && received[^4] == '\r' && received[^3] == '\n' && received[^2] == '\r' && received[^1] == '\n';
}
