using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VoicePay.Payments.Tests.Support;

/// <summary>Real TCP misbehaviour on loopback, for faults a handler can only imitate.</summary>
internal static class LoopbackSockets
{
    /// <summary>A loopback URL nothing listens on: connecting is refused.</summary>
    public static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}

/// <summary>Accepts connections, reads each request's head, then resets the connection (RST) without answering.</summary>
internal sealed class ResettingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public ResettingServer()
    {
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ResetAfterRequestAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ResetAfterRequestAsync(TcpClient client)
    {
        try
        {
            await ReadHeadThenResetAsync(client);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
        {
        }
    }

    private async Task ReadHeadThenResetAsync(TcpClient client)
    {
        using (client)
        {
            var buffer = new byte[8192];
            var received = new StringBuilder();
            var stream = client.GetStream();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            Interlocked.Increment(ref _requests);
            client.LingerState = new LingerOption(true, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
