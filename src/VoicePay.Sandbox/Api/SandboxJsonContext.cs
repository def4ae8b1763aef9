using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePay.Sandbox.Api;

/// <summary>Source-generated JSON for the sandbox bank's wire format (AOT-safe).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AccountBody))]
[JsonSerializable(typeof(AccountListBody))]
[JsonSerializable(typeof(PayeeListBody))]
[JsonSerializable(typeof(TransferRequestBody))]
[JsonSerializable(typeof(TransferBody))]
[JsonSerializable(typeof(TransactionListBody))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(CustomerBody))]
[JsonSerializable(typeof(EventBody))]
[JsonSerializable(typeof(EventPageBody))]
[JsonSerializable(typeof(RaiseEventRequestBody))]
[JsonSerializable(typeof(VerificationCodeRequestBody))]
[JsonSerializable(typeof(VerificationCodeBody))]
[JsonSerializable(typeof(CodeCheckRequestBody))]
[JsonSerializable(typeof(CodeCheckBody))]
[JsonSerializable(typeof(SentCodeListBody))]
public sealed partial class SandboxJsonContext : JsonSerializerContext;
