namespace Mesh.Planning;

/// <summary>The planner cannot plan the requested node (unknown node); the message says what to do. An <see cref="ArgumentException"/> because the node name is the bad argument.</summary>
public sealed class PlanException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public PlanException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PlanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
