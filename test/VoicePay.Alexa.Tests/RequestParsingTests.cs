using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;

namespace VoicePay.Alexa.Tests;

/// <summary>Fixtures are written from Amazon's documented JSON, not from our serializer's output.</summary>
public sealed class RequestParsingTests
{
    [Fact]
    public void LaunchRequest_reads_the_whole_envelope()
    {
        var envelope = AlexaJson.ParseRequest(Fixture.Bytes("launch.json"));

        Assert.Equal("1.0", envelope.Version);
        var launch = Assert.IsType<LaunchRequest>(envelope.Request);
        Assert.Equal("LaunchRequest", launch.Type);
        Assert.Equal("amzn1.echo-api.request.0000000-0000-0000-0000-00000000000", launch.RequestId);
        Assert.Equal(new DateTimeOffset(2015, 5, 13, 12, 34, 56, TimeSpan.Zero), launch.Timestamp);
        Assert.Equal("en-US", launch.Locale);

        Assert.True(envelope.Session!.New);
        Assert.Equal("amzn1.ask.skill.00000000-0000-0000-0000-000000000000", envelope.Session.Application!.ApplicationId);
        Assert.Equal("amzn1.ask.account.TESTUSER", envelope.Session.User!.UserId);

        var system = envelope.Context!.System!;
        Assert.Equal("amzn1.ask.skill.00000000-0000-0000-0000-000000000000", system.Application!.ApplicationId);
        Assert.Equal("demo-alice-token", system.User!.AccessToken);
        Assert.Equal("consent-token-example", system.User.Permissions!.ConsentToken);
        Assert.Equal("amzn1.ask.person.TESTPERSON", system.Person!.PersonId);
        Assert.Equal("amzn1.ask.device.TESTDEVICE", system.Device!.DeviceId);
        Assert.True(system.Device.SupportedInterfaces!.ContainsKey("AudioPlayer"));
        Assert.Equal("https://api.amazonalexa.com", system.ApiEndpoint);
        Assert.Equal("api-access-token-example", system.ApiAccessToken);
    }

    [Fact]
    public void IntentRequest_reads_dialog_state_slots_and_entity_resolution()
    {
        var intent = Assert.IsType<IntentRequest>(AlexaJson.ParseRequest(Fixture.Bytes("intent.json")).Request);

        Assert.Equal(DialogStates.InProgress, intent.DialogState);
        Assert.Equal("SendMoneyIntent", intent.Intent.Name);
        Assert.Equal(ConfirmationStatuses.None, intent.Intent.ConfirmationStatus);
        Assert.Equal("20", intent.Intent.SlotValue("Amount"));
        Assert.Null(intent.Intent.SlotValue("Cents"));
        Assert.Null(intent.Intent.SlotValue("NotASlot"));

        var payee = intent.Intent.Slots["Payee"];
        Assert.Equal("alice", payee.Value);
        Assert.Equal("USER", payee.Source);
        Assert.Equal(2, payee.Resolutions!.ResolutionsPerAuthority.Count);
        Assert.Equal("payee-alice-smith", payee.FirstMatch!.Id);
        Assert.Equal("Alice Smith", payee.FirstMatch.Name);
        Assert.Equal("Simple", payee.SlotValue!.Type);
        Assert.Equal("alice", payee.SlotValue.Value);
        Assert.Equal(ResolutionStatusCodes.Match, payee.SlotValue.Resolutions!.ResolutionsPerAuthority[0].Status!.Code);
    }

    [Fact]
    public void IntentRequest_without_slots_has_an_empty_slot_map()
    {
        var intent = Assert.IsType<IntentRequest>(AlexaJson.ParseRequest(Fixture.Bytes("intent-no-slots.json")).Request);

        Assert.Equal("AMAZON.HelpIntent", intent.Intent.Name);
        Assert.Empty(intent.Intent.Slots);
        Assert.Null(intent.DialogState);
        Assert.Equal("en-GB", intent.Locale);
    }

    [Fact]
    public void SessionEndedRequest_reads_reason_and_error()
    {
        var ended = Assert.IsType<SessionEndedRequest>(AlexaJson.ParseRequest(Fixture.Bytes("session-ended.json")).Request);

        Assert.Equal("ERROR", ended.Reason);
        Assert.Equal("INVALID_RESPONSE", ended.Error!.Type);
        Assert.Contains("exception", ended.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExceptionEncountered_reads_error_and_cause()
    {
        var request = Assert.IsType<SystemExceptionEncounteredRequest>(AlexaJson.ParseRequest(Fixture.Bytes("exception-encountered.json")).Request);

        Assert.Equal("System.ExceptionEncountered", request.Type);
        Assert.Equal("INVALID_RESPONSE", request.Error!.Type);
        Assert.Equal("amzn1.echo-api.request.3", request.Cause!.RequestId);
        Assert.Equal(new DateTimeOffset(2017, 8, 16, 0, 50, 56, 365, TimeSpan.Zero), request.Timestamp);
    }

    [Fact]
    public void SessionResumedRequest_reads_the_connection_result()
    {
        var resumed = Assert.IsType<SessionResumedRequest>(AlexaJson.ParseRequest(Fixture.Bytes("session-resumed.json")).Request);

        Assert.Equal("ConnectionCompleted", resumed.Cause!.Type);
        Assert.Equal("voicepay-verify-person", resumed.Cause.Token);
        Assert.Equal("200", resumed.Cause.Status!.Code);
        Assert.Equal("ACHIEVED", resumed.Cause.Result!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public void ConnectionsResponse_reads_status_payload_and_token()
    {
        var response = Assert.IsType<ConnectionsResponseRequest>(AlexaJson.ParseRequest(Fixture.Bytes("connections-response.json")).Request);

        Assert.Equal("Buy", response.Name);
        Assert.Equal("200", response.Status!.Code);
        Assert.Equal("ACCEPTED", response.Payload!.Value.GetProperty("purchaseResult").GetString());
        Assert.Equal("correlationToken", response.Token);
    }

    [Fact]
    public void Unknown_request_type_becomes_UnknownRequest_and_keeps_its_fields()
    {
        var unknown = Assert.IsType<UnknownRequest>(AlexaJson.ParseRequest(Fixture.Bytes("unknown-type.json")).Request);

        Assert.Equal("AudioPlayer.PlaybackStarted", unknown.Type);
        Assert.Equal("amzn1.echo-api.request.7", unknown.RequestId);
        Assert.Equal("track-1", unknown.AdditionalData!["token"].GetString());
        Assert.False(unknown.AdditionalData.ContainsKey("type"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1558128742), unknown.Timestamp);
    }

    [Fact]
    public void Request_without_type_becomes_UnknownRequest_with_empty_type()
    {
        var unknown = Assert.IsType<UnknownRequest>(AlexaJson.ParseRequest(Fixture.Bytes("no-type.json")).Request);

        Assert.Equal(string.Empty, unknown.Type);
        Assert.Equal("amzn1.echo-api.request.8", unknown.RequestId);
    }

    [Fact]
    public void Type_may_come_last_timestamp_may_be_epoch_milliseconds_and_unknown_fields_are_ignored()
    {
        var envelope = AlexaJson.ParseRequest(Fixture.Bytes("type-last-epoch-ms.json"));

        var launch = Assert.IsType<LaunchRequest>(envelope.Request);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1558128742123), launch.Timestamp);
        Assert.Equal("amzn1.ask.account.TESTUSER", envelope.Context!.System!.User!.UserId);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"version\":\"1.0\",\"request\":")]
    [InlineData("{\"request\": 42}")]
    [InlineData("{\"request\": {\"type\": \"LaunchRequest\", \"timestamp\": \"yesterday\"}}")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"version\":\"1.0\"}")]
    [InlineData("{\"version\":\"1.0\",\"request\":null}")]
    [InlineData("{\"request\": {\"type\": \"IntentRequest\", \"timestamp\": \"2026-01-01T00:00:00Z\"}}")]
    [InlineData("{\"request\": {\"type\": \"IntentRequest\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"intent\": null}}")]
    [InlineData("{\"request\": {\"type\": \"LaunchRequest\", \"timestamp\": 99999999999999999}}")]
    [InlineData("{\"request\": {\"type\": \"LaunchRequest\", \"timestamp\": -62135596801}}")]
    [InlineData("{\"request\": {\"type\": \"LaunchRequest\", \"timestamp\": \"253402300800000\"}}")]
    [InlineData("{\"request\": {\"type\": \"LaunchRequest\", \"timestamp\": 1e400}}")]
    [InlineData("{\"request\": {\"type\": \"LaunchRequest\", \"timestamp\": null}}")]
    public void Bad_bodies_fail_with_a_clear_format_error(string body)
    {
        var error = Assert.Throws<AlexaRequestFormatException>(() => AlexaJson.ParseRequest(System.Text.Encoding.UTF8.GetBytes(body)));

        Assert.StartsWith("The body is not a valid Alexa request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_format_error_names_the_place_and_never_quotes_the_body()
    {
        var body = "{\"session\":{\"new\":fxlse,\"user\":{\"accessToken\":\"Atza|secret-token\"}},\"request\":{\"type\":\"LaunchRequest\"}}"u8.ToArray();

        var error = Assert.Throws<AlexaRequestFormatException>(() => AlexaJson.ParseRequest(body));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fxlse", error.Message, StringComparison.Ordinal);
        Assert.Equal("The body is not a valid Alexa request: invalid JSON at $.session.new (line 1, byte 20).", error.Message);
    }

    [Fact]
    public void A_broken_model_rule_is_named_in_the_error()
    {
        var error = Assert.Throws<AlexaRequestFormatException>(() => AlexaJson.ParseRequest("{\"version\":\"1.0\",\"request\":null}"u8));

        Assert.Equal("The body is not a valid Alexa request: The envelope has no 'request' object (at $ (line 1, byte 33)).", error.Message);
    }

    [Fact]
    public void The_last_representable_epoch_timestamps_still_parse()
    {
        var lastSecond = AlexaJson.ParseRequest("{\"request\": {\"type\": \"LaunchRequest\", \"timestamp\": -62135596800}}"u8);
        var lastMillisecond = AlexaJson.ParseRequest("{\"request\": {\"type\": \"LaunchRequest\", \"timestamp\": 253402300799999}}"u8);

        Assert.Equal(DateTimeOffset.MinValue, lastSecond.Request.Timestamp);
        Assert.Equal(DateTimeOffset.MaxValue.AddTicks(-9999), lastMillisecond.Request.Timestamp);
    }

    [Fact]
    public void Null_slots_and_null_slot_entries_read_as_absent()
    {
        var nullSlots = (IntentRequest)AlexaJson.ParseRequest(
            "{\"request\": {\"type\": \"IntentRequest\", \"intent\": {\"name\": \"X\", \"slots\": null}}}"u8).Request;
        var nullSlot = (IntentRequest)AlexaJson.ParseRequest(
            "{\"request\": {\"type\": \"IntentRequest\", \"intent\": {\"name\": null, \"slots\": {\"A\": null, \"B\": {\"name\": null, \"value\": \"1\"}}}}}"u8).Request;

        Assert.Empty(nullSlots.Intent.Slots);
        Assert.Null(nullSlots.Intent.SlotValue("A"));
        Assert.Equal(string.Empty, nullSlot.Intent.Name);
        Assert.Equal(["B"], nullSlot.Intent.Slots.Keys);
        Assert.Equal(string.Empty, nullSlot.Intent.Slots["B"].Name);
        Assert.Equal("1", nullSlot.Intent.SlotValue("B"));
    }

    [Fact]
    public void Null_resolution_entries_are_dropped()
    {
        var request = (IntentRequest)AlexaJson.ParseRequest("""
            {"request": {"type": "IntentRequest", "intent": {"name": "X", "slots": {"P": {"name": "P", "value": "al",
              "resolutions": {"resolutionsPerAuthority": [null, {"status": {"code": "ER_SUCCESS_MATCH"}, "values": [null, {"value": {"name": "Alice", "id": "a"}}]}]},
              "slotValue": {"type": "List", "values": [null]}}}}}}
            """u8).Request;

        var slot = request.Intent.Slots["P"];
        Assert.Single(slot.Resolutions!.ResolutionsPerAuthority);
        Assert.Equal("a", slot.FirstMatch?.Id);
        Assert.Empty(slot.SlotValue!.Values!);
    }

    [Fact]
    public void Empty_session_user_and_application_ids_read_as_absent()
    {
        var envelope = AlexaJson.ParseRequest("""
            {"session": {"sessionId": "", "application": {"applicationId": " "}, "user": {"userId": "", "accessToken": ""}},
             "context": {"System": {"application": {"applicationId": ""}, "user": {"userId": ""}}},
             "request": {"type": "LaunchRequest"}}
            """u8);

        Assert.Null(envelope.Session!.SessionId);
        Assert.Null(envelope.Session.Application!.ApplicationId);
        Assert.Null(envelope.Session.User!.UserId);
        Assert.Null(envelope.Session.User.AccessToken);
        Assert.Null(envelope.Context!.System!.Application!.ApplicationId);
        Assert.Null(envelope.Context.System.User!.UserId);
    }
}
