using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VoicePay.Alexa.Requests;

namespace VoicePay.Alexa.Responses;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(DialogDelegateDirective), "Dialog.Delegate")]
[JsonDerivedType(typeof(DialogElicitSlotDirective), "Dialog.ElicitSlot")]
[JsonDerivedType(typeof(DialogConfirmSlotDirective), "Dialog.ConfirmSlot")]
[JsonDerivedType(typeof(DialogConfirmIntentDirective), "Dialog.ConfirmIntent")]
[JsonDerivedType(typeof(DialogUpdateDynamicEntitiesDirective), "Dialog.UpdateDynamicEntities")]
[JsonDerivedType(typeof(StartConnectionDirective), "Connections.StartConnection")]
public abstract class Directive;

public sealed class DialogDelegateDirective : Directive
{
    public Intent? UpdatedIntent { get; set; }
}

public sealed class DialogElicitSlotDirective : Directive
{
    public string SlotToElicit { get; set; } = string.Empty;

    public Intent? UpdatedIntent { get; set; }
}

public sealed class DialogConfirmSlotDirective : Directive
{
    public string SlotToConfirm { get; set; } = string.Empty;

    public Intent? UpdatedIntent { get; set; }
}

public sealed class DialogConfirmIntentDirective : Directive
{
    public Intent? UpdatedIntent { get; set; }
}

/// <summary>Teaches Alexa's recognizer values for this session only, such as the person's own payees.</summary>
public sealed class DialogUpdateDynamicEntitiesDirective : Directive
{
    /// <summary><c>REPLACE</c> or <c>CLEAR</c>.</summary>
    public string UpdateBehavior { get; set; } = "REPLACE";

    public List<DynamicEntityType>? Types { get; set; }
}

public sealed class DynamicEntityType
{
    public string Name { get; set; } = string.Empty;

    public List<DynamicEntity> Values { get; set; } = [];
}

public sealed class DynamicEntity
{
    public string Id { get; set; } = string.Empty;

    public DynamicEntityName Name { get; set; } = new();
}

public sealed class DynamicEntityName
{
    public string Value { get; set; } = string.Empty;

    public List<string>? Synonyms { get; set; }
}

/// <summary>Hands the conversation to another skill or Alexa service, such as <c>AMAZON.VerifyPerson</c>.</summary>
public sealed class StartConnectionDirective : Directive
{
    public string Uri { get; set; } = string.Empty;

    public JsonObject? Input { get; set; }

    public string? Token { get; set; }

    /// <summary><c>RESUME_SESSION</c> (the default) or <c>SEND_ERRORS_ONLY</c>.</summary>
    public string? OnCompletion { get; set; }
}
