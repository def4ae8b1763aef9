namespace VoicePay.Alexa.Apis.ProactiveEvents;

// The body of POST /v1/proactiveEvents for AMAZON.MessageAlert.Activated, unicast (Amazon, "Proactive Events
// REST API Reference" and "Proactive Events Schemas" → AMAZON.MessageAlert.Activated). The schema has no
// localizedattribute: fields, so localizedAttributes is left out. Nothing here can carry an amount, a
// merchant or an account: the only free text is the creator's name, which comes from configuration.
internal sealed record ProactiveEventRequest(
    string Timestamp,
    string ReferenceId,
    string ExpiryTime,
    ProactiveEvent Event,
    RelevantAudience RelevantAudience);

internal sealed record ProactiveEvent(string Name, MessageAlertPayload Payload);

internal sealed record MessageAlertPayload(MessageAlertState State, MessageGroup MessageGroup);

/// <summary><c>status</c>: UNREAD | FLAGGED; <c>freshness</c>: NEW | OVERDUE.</summary>
internal sealed record MessageAlertState(string Status, string Freshness);

/// <summary><c>urgency</c>: URGENT, or left out.</summary>
internal sealed record MessageGroup(MessageCreator Creator, int Count, string? Urgency);

internal sealed record MessageCreator(string Name);

internal sealed record RelevantAudience(string Type, UnicastAudience Payload);

internal sealed record UnicastAudience(string User);
