namespace VoicePay.Lambda;

/// <summary>Turns event bodies into requests and responses into bodies, as in Amazon.Lambda.Core.</summary>
public interface ILambdaSerializer
{
    T Deserialize<T>(Stream requestStream);

    void Serialize<T>(T response, Stream responseStream);
}
