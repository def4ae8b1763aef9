using System.Text.Json;
using System.Text.Json.Nodes;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;

namespace VoicePay.Alexa.Tests;

public sealed class ResponseTests
{
    private static JsonElement Json(SkillResponse response) =>
        JsonDocument.Parse(AlexaJson.SerializeResponse(response)).RootElement;

    [Fact]
    public void Speech_and_reprompt_are_ssml_and_keep_the_session_open()
    {
        var json = Json(ResponseBuilder.Create()
            .Speak(Ssml.Text("Hello & welcome"))
            .Reprompt(Ssml.Text("Still there?"))
            .Build());

        Assert.Equal("1.0", json.GetProperty("version").GetString());
        var response = json.GetProperty("response");
        Assert.Equal("SSML", response.GetProperty("outputSpeech").GetProperty("type").GetString());
        Assert.Equal("<speak>Hello &amp; welcome</speak>", response.GetProperty("outputSpeech").GetProperty("ssml").GetString());
        Assert.Equal("<speak>Still there?</speak>", response.GetProperty("reprompt").GetProperty("outputSpeech").GetProperty("ssml").GetString());
        Assert.False(response.GetProperty("shouldEndSession").GetBoolean());
        Assert.False(response.TryGetProperty("card", out _));
        Assert.False(json.TryGetProperty("sessionAttributes", out _));
    }

    [Fact]
    public void Play_behavior_is_written_when_set()
    {
        var json = Json(ResponseBuilder.Create().Speak(Ssml.Text("x"), "REPLACE_ENQUEUED").EndSession().Build());

        Assert.Equal("REPLACE_ENQUEUED", json.GetProperty("response").GetProperty("outputSpeech").GetProperty("playBehavior").GetString());
        Assert.True(json.GetProperty("response").GetProperty("shouldEndSession").GetBoolean());
    }

    [Fact]
    public void Cards_have_their_documented_shapes()
    {
        var simple = Json(ResponseBuilder.Create().WithSimpleCard("Voice Pay", "Checking ••1234: $10.00").Build()).GetProperty("response").GetProperty("card");
        Assert.Equal("Simple", simple.GetProperty("type").GetString());
        Assert.Equal("Voice Pay", simple.GetProperty("title").GetString());
        Assert.Equal("Checking ••1234: $10.00", simple.GetProperty("content").GetString());

        var standard = Json(ResponseBuilder.Create().WithStandardCard("T", "Body", new CardImage { SmallImageUrl = "https://x/s.png", LargeImageUrl = "https://x/l.png" }).Build()).GetProperty("response").GetProperty("card");
        Assert.Equal("Standard", standard.GetProperty("type").GetString());
        Assert.Equal("Body", standard.GetProperty("text").GetString());
        Assert.Equal("https://x/l.png", standard.GetProperty("image").GetProperty("largeImageUrl").GetString());

        var link = Json(ResponseBuilder.Create().WithLinkAccountCard().Build()).GetProperty("response").GetProperty("card");
        Assert.Equal("LinkAccount", link.GetProperty("type").GetString());

        var consent = Json(ResponseBuilder.Create().WithAskForPermissionsConsentCard("alexa::profile:name:read").Build()).GetProperty("response").GetProperty("card");
        Assert.Equal("AskForPermissionsConsent", consent.GetProperty("type").GetString());
        Assert.Equal("alexa::profile:name:read", consent.GetProperty("permissions")[0].GetString());
    }

    [Fact]
    public void Dialog_directives_have_their_documented_shapes_and_never_end_the_session()
    {
        var intent = new Intent { Name = "SendMoneyIntent", ConfirmationStatus = "NONE", Slots = { ["Amount"] = new Slot { Name = "Amount", Value = "20" } } };
        var response = ResponseBuilder.Create()
            .EndSession()
            .DelegateDialog(intent)
            .ElicitSlot("Payee", intent)
            .ConfirmSlot("Amount", intent)
            .ConfirmIntent(intent)
            .Build();

        var json = Json(response).GetProperty("response");
        var directives = json.GetProperty("directives");
        Assert.Equal(["Dialog.Delegate", "Dialog.ElicitSlot", "Dialog.ConfirmSlot", "Dialog.ConfirmIntent"], directives.EnumerateArray().Select(d => d.GetProperty("type").GetString()));
        Assert.Equal("Payee", directives[1].GetProperty("slotToElicit").GetString());
        Assert.Equal("Amount", directives[2].GetProperty("slotToConfirm").GetString());
        Assert.Equal("20", directives[3].GetProperty("updatedIntent").GetProperty("slots").GetProperty("Amount").GetProperty("value").GetString());
        Assert.False(json.GetProperty("shouldEndSession").GetBoolean());
    }

    [Fact]
    public void UpdateDynamicEntities_and_StartConnection_have_their_documented_shapes()
    {
        var response = ResponseBuilder.Create()
            .AddDirective(new DialogUpdateDynamicEntitiesDirective
            {
                Types = [new DynamicEntityType { Name = "PAYEE", Values = [new DynamicEntity { Id = "p1", Name = new DynamicEntityName { Value = "Alice Smith", Synonyms = ["Alice"] } }] }],
            })
            .AddDirective(new StartConnectionDirective
            {
                Uri = "connection://AMAZON.VerifyPerson/2",
                Input = new JsonObject { ["requestedAuthenticationConfidenceLevel"] = new JsonObject { ["level"] = 400 } },
                Token = "verify",
            })
            .Build();

        var directives = Json(response).GetProperty("response").GetProperty("directives");
        Assert.Equal("Dialog.UpdateDynamicEntities", directives[0].GetProperty("type").GetString());
        Assert.Equal("REPLACE", directives[0].GetProperty("updateBehavior").GetString());
        Assert.Equal("Alice", directives[0].GetProperty("types")[0].GetProperty("values")[0].GetProperty("name").GetProperty("synonyms")[0].GetString());
        Assert.Equal("Connections.StartConnection", directives[1].GetProperty("type").GetString());
        Assert.Equal(400, directives[1].GetProperty("input").GetProperty("requestedAuthenticationConfidenceLevel").GetProperty("level").GetInt32());
        Assert.Equal("verify", directives[1].GetProperty("token").GetString());
    }

    [Fact]
    public void Session_attributes_are_written()
    {
        var json = Json(ResponseBuilder.Create().WithSessionAttribute("turn", JsonDocument.Parse("3").RootElement).Build());

        Assert.Equal(3, json.GetProperty("sessionAttributes").GetProperty("turn").GetInt32());
    }

    [Fact]
    public void A_response_survives_a_round_trip()
    {
        var original = ResponseBuilder.Create()
            .Speak(Ssml.Text("Hi"))
            .WithLinkAccountCard()
            .ElicitSlot("Payee")
            .Build();

        var bytes = AlexaJson.SerializeResponse(original);
        var copy = JsonSerializer.Deserialize(bytes, AlexaJsonContext.Default.SkillResponse)!;

        Assert.Equal("<speak>Hi</speak>", Assert.IsType<SsmlOutputSpeech>(copy.Response.OutputSpeech).Ssml);
        Assert.IsType<LinkAccountCard>(copy.Response.Card);
        Assert.Equal("Payee", Assert.IsType<DialogElicitSlotDirective>(Assert.Single(copy.Response.Directives!)).SlotToElicit);
        Assert.Equal(bytes, AlexaJson.SerializeResponse(copy));
    }
}
