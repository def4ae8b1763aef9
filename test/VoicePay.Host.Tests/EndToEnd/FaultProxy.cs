using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace VoicePay.Host.Tests.EndToEnd;

public enum ProxyMode
{
    /// <summary>Bytes flow both ways.</summary>
    Pass,

    /// <summary>
    /// Transfers reach the bank; its answers to them, and to reads of a transfer by its key, never come back (a timeout
    /// after the bank acted). Other reads pass.
    /// </summary>
    LoseTransferReplies,

    /// <summary>Nothing listens: connections are refused, open ones are reset.</summary>
    Down,
}

/// <summary>
/// A TCP proxy on loopback in front of the sandbox bank, so a failing network is a real one: the
/// payments client's own timeouts, retries and connection errors decide what the skill learns.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly ConcurrentDictionary<TcpClient, byte> open = new();
    private readonly CancellationTokenSource stopping = new();
    private TcpListener listener;
    private volatile ProxyMode mode;

    private FaultProxy(IPEndPoint target)
    {
        this.target = target;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync(listener);
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public static FaultProxy To(Uri bank) => new(new IPEndPoint(IPAddress.Loopback, bank.Port));

    public ProxyMode Mode
    {
        get => mode;
        set
        {
            if (value == mode)
            {
                return;
            }

            if (value == ProxyMode.Down)
            {
                listener.Stop();
                foreach (var client in open.Keys)
                {
                    client.Client.LingerState = new LingerOption(true, 0);
                    client.Dispose();
                }
            }
            else if (mode == ProxyMode.Down)
            {
                listener = new TcpListener(IPAddress.Loopback, Port);
                listener.Start();
                _ = AcceptAsync(listener);
            }

            mode = value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        foreach (var client in open.Keys)
        {
            client.Dispose();
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener on)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await on.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var bank = new TcpClient();
        open[client] = 0;
        open[bank] = 0;
        try
        {
            await bank.ConnectAsync(target, stopping.Token);
            var exchange = new Exchange();
            var toBank = PumpAsync(client.GetStream(), bank.GetStream(), exchange, replies: false);
            var toClient = PumpAsync(bank.GetStream(), client.GetStream(), exchange, replies: true);
            await Task.WhenAny(toBank, toClient);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A connection the test cut, or the client gave up on.
        }
        finally
        {
            open.TryRemove(client, out _);
            open.TryRemove(bank, out _);
            client.Dispose();
        }
    }

    private async Task PumpAsync(Stream from, Stream to, Exchange exchange, bool replies)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
        {
            if (!replies && read >= 4)
            {
                // HTTP/1.1, one request at a time per connection: the start of a request names its method.
                var start = System.Text.Encoding.ASCII.GetString(buffer, 0, Math.Min(read, 64));
                if (start.StartsWith("POST ", StringComparison.Ordinal) || start.StartsWith("GET ", StringComparison.Ordinal))
                {
                    exchange.IsTransfer = start.StartsWith("POST ", StringComparison.Ordinal) || start.Contains("/v1/transfers?idempotencyKey=", StringComparison.Ordinal);
                }
            }

            if (replies && mode == ProxyMode.LoseTransferReplies && exchange.IsTransfer)
            {
                continue;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
        }
    }

    private sealed class Exchange
    {
        public volatile bool IsTransfer;
    }
}
