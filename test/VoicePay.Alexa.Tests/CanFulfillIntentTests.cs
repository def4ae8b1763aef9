using System.Text.Json;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;

namespace VoicePay.Alexa.Tests;

/// <summary>
/// Name-free requests, in the shapes of Amazon's "Implement CanFulfillIntentRequest for Name-free Interactions": the
/// request (no session id needed, no access token when not linked) and the answer, which is <c>canFulfillIntent</c> alone.
/// </summary>
public sealed class CanFulfillIntentTests
{
    [Fact]
    public void The_request_reads_its_intent_and_slots()
    {
        var envelope = AlexaJson.ParseRequest(Fixture.Bytes("can-fulfill-intent.json"));

        var request = Assert.IsType<CanFulfillIntentRequest>(envelope.Request);
        Assert.Equal("CanFulfillIntentRequest", request.Type);
        Assert.Equal("amzn1.echo-api.request.cfir", request.RequestId);
        Assert.Equal("SendMoneyIntent", request.Intent!.Name);
        Assert.Equal("20", request.Intent.SlotValue("Amount"));
        Assert.Equal("alice", request.Intent.SlotValue("Payee"));
        Assert.Null(envelope.Context!.System!.User!.AccessToken);
    }

    [Fact]
    public void The_answer_is_can_fulfill_intent_with_a_verdict_per_slot_and_nothing_else()
    {
        var response = new SkillResponse
        {
            Response = new ResponseBody
            {
                CanFulfillIntent = new CanFulfillIntent
                {
                    CanFulfill = CanFulfillValues.Maybe,
                    Slots = new() { ["Amount"] = new CanFulfillSlot { CanUnderstand = CanFulfillValues.Yes, CanFulfill = CanFulfillValues.Yes } },
                },
            },
        };

        var json = JsonDocument.Parse(AlexaJson.SerializeResponse(response)).RootElement;

        Assert.Equal("1.0", json.GetProperty("version").GetString());
        var body = json.GetProperty("response");
        Assert.Equal(["canFulfillIntent"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("MAYBE", body.GetProperty("canFulfillIntent").GetProperty("canFulfill").GetString());
        var amount = body.GetProperty("canFulfillIntent").GetProperty("slots").GetProperty("Amount");
        Assert.Equal("YES", amount.GetProperty("canUnderstand").GetString());
        Assert.Equal("YES", amount.GetProperty("canFulfill").GetString());
        Assert.Equal(2, amount.EnumerateObject().Count());
    }

    [Fact]
    public void The_request_round_trips()
    {
        var envelope = AlexaJson.ParseRequest(Fixture.Bytes("can-fulfill-intent.json"));

        var again = AlexaJson.ParseRequest(JsonSerializer.SerializeToUtf8Bytes(envelope, AlexaJsonContext.Default.SkillRequest));

        Assert.Equal("alice", Assert.IsType<CanFulfillIntentRequest>(again.Request).Intent!.SlotValue("Payee"));
    }
}
