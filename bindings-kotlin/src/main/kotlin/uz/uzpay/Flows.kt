package uz.uzpay

import uz.uzpay.model.TransportFailure

/**
 * The verbs every flow object has (`PaylovFiscalizationFlow` and its siblings), for
 * the drivers ([drive], [driveSuspending]); each flow is one through its generated
 * `machine()`. [T] is the flow's outcome.
 */
interface FlowMachine<T> {
    fun start(): FlowAction
    fun resume(): FlowAction
    fun onResponse(response: HttpResponse): FlowAction
    fun onTransportFailure(failure: TransportFailure): FlowAction
    fun provideVerifyCode(code: String): FlowAction
    fun resendCode(): FlowAction
    fun snapshot(): String
    fun outcome(): T?
}
