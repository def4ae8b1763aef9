using System.Net.Http.Headers;
using System.Text.Json;
using VoicePay.Payments.Tests.Support;
using VoicePay.Sandbox.Api;

namespace VoicePay.Payments.Tests;

/// <summary>docs/payments-api.yaml and the sandbox's verification codes say the same thing.</summary>
public sealed partial class EventContractTests
{
    [Fact]
    public async Task Verification_codes_write_and_read_exactly_the_properties_the_spec_lists()
    {
        await using var bank = await TestBank.StartAsync();
        using var http = new HttpClient { BaseAddress = bank.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestBank.Alice);

        using var send = new HttpRequestMessage(HttpMethod.Post, "v1/verification-codes");
        send.Headers.Add("Idempotency-Key", TestBank.NewKey());
        using var sent = await http.SendAsync(send);
        using var code = JsonDocument.Parse(await sent.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal(SchemaProperties("VerificationCode").Order(), code.RootElement.EnumerateObject().Select(p => p.Name).Order());

        using var check = new HttpRequestMessage(HttpMethod.Post, $"v1/verification-codes/{code.RootElement.GetProperty("id").GetString()}/check")
        {
            Content = new StringContent("{\"code\":\"000000\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        check.Headers.Add("Idempotency-Key", TestBank.NewKey());
        using var checkedCode = await http.SendAsync(check);
        using var answer = JsonDocument.Parse(await checkedCode.Content.ReadAsStringAsync());
        Assert.Equal(SchemaProperties("CodeCheck").Order(), answer.RootElement.EnumerateObject().Select(p => p.Name).Order());

        using var outbox = await bank.GetAsync("v1/sandbox/codes", token: null);
        using var texts = JsonDocument.Parse(await outbox.Content.ReadAsStringAsync());
        Assert.Equal(SchemaProperties("SentCode").Order(), texts.RootElement.GetProperty("codes")[0].EnumerateObject().Select(p => p.Name).Order());

        Assert.Equal(SchemaProperties("VerificationCodeRequest"), ParameterNames<VerificationCodeRequestBody>());
        Assert.Equal(SchemaProperties("CodeCheckRequest"), ParameterNames<CodeCheckRequestBody>());
        foreach (var operation in new[] { "sendVerificationCode", "checkVerificationCode", "listSandboxTexts" })
        {
            Assert.Contains("operationId: " + operation + "\n", Spec, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Too_many_codes_is_the_documented_409_problem_stored_under_its_key()
    {
        await using var bank = await TestBank.StartAsync();
        using var http = new HttpClient { BaseAddress = bank.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestBank.Alice);
        async Task<(System.Net.HttpStatusCode Status, string Body, bool Replayed)> SendAsync(string key)
        {
            using var send = new HttpRequestMessage(HttpMethod.Post, "v1/verification-codes");
            send.Headers.Add("Idempotency-Key", key);
            using var response = await http.SendAsync(send);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"));
        }

        for (var i = 0; i < Sandbox.Ledger.SandboxLedger.MaxCodesPerWindow; i++)
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, (await SendAsync(TestBank.NewKey())).Status);
        }

        var key = TestBank.NewKey();
        var refused = await SendAsync(key);
        var replayed = await SendAsync(key);

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.Status);
        using var problem = JsonDocument.Parse(refused.Body);
        Assert.Equal(ProblemCodes.TooManyCodes, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(409, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal((refused.Status, refused.Body, true), replayed);
        Assert.Contains("- " + ProblemCodes.TooManyCodes + "\n", Spec, StringComparison.Ordinal);
        Assert.Contains("`" + ProblemCodes.TooManyCodes + "`: the customer was texted 5 codes in the last hour", Spec, StringComparison.Ordinal);
        Assert.Equal(5, Sandbox.Ledger.SandboxLedger.MaxCodesPerWindow);
    }

    private static List<string> ParameterNames<T>() =>
        [.. typeof(T).GetConstructors().Single().GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!))];
}
