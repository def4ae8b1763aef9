using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using VoicePay.Payments.Wire;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments;

/// <summary>The verification codes of docs/payments-api.yaml: text one to the phone on file, check what the person said.</summary>
public sealed partial class PaymentsApiClient
{
    public Task<BankResult<VerificationCode>> SendVerificationCodeAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return MeasuredAsync("code.send", () => PostAsync(
            "v1/verification-codes",
            accessToken,
            idempotencyKey,
            JsonContent.Create(new VerificationCodeRequestWire("sms"), PaymentsJsonContext.Default.VerificationCodeRequestWire),
            PaymentsJsonContext.Default.VerificationCodeWire,
            wire => new VerificationCode(wire.Id, wire.ExpiresAt, wire.PhoneLastDigits),
            cancellationToken));
    }

    public Task<BankResult<CodeCheck>> CheckVerificationCodeAsync(string accessToken, string codeId, string code, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(codeId);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return MeasuredAsync("code.check", () => PostAsync(
            "v1/verification-codes/" + Uri.EscapeDataString(codeId) + "/check",
            accessToken,
            idempotencyKey,
            JsonContent.Create(new CodeCheckRequestWire(code), PaymentsJsonContext.Default.CodeCheckRequestWire),
            PaymentsJsonContext.Default.CodeCheckWire,
            wire => new CodeCheck(
                wire.Status switch
                {
                    "verified" => CodeCheckStatus.Verified,
                    "wrong" => CodeCheckStatus.Wrong,
                    "expired" => CodeCheckStatus.Expired,
                    "locked" => CodeCheckStatus.Locked,
                    _ => throw new FormatException("Unknown code check status."),
                },
                wire.AttemptsLeft),
            cancellationToken));
    }

    /// <summary>
    /// A keyed POST whose repeat is harmless (the bank replays its stored answer for the key), so a lost answer is
    /// <see cref="BankError.Unavailable"/>: asking again with the same key cannot text twice or count twice.
    /// </summary>
    private async Task<BankResult<T>> PostAsync<TWire, T>(
        string path,
        string accessToken,
        string idempotencyKey,
        HttpContent content,
        JsonTypeInfo<TWire> typeInfo,
        Func<TWire, T> map,
        CancellationToken cancellationToken)
    {
        using (content)
        {
            if (!IsUsableToken(accessToken))
            {
                return BankError.Unauthorized;
            }

            using var request = NewRequest(HttpMethod.Post, path, accessToken, out var log);
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
            request.Content = content;
            var operation = path.StartsWith("v1/verification-codes/", StringComparison.Ordinal) ? "v1/verification-codes/{id}/check" : path;
            return await ReadAnswerAsync(request, operation, log, typeInfo, map, cancellationToken);
        }
    }
}
