import type { ErrorCode } from "./app-error.ts";

/**
 * What each error says to a person who reads Arabic (Accept-Language: ar), for the API that
 * TakeOne's screens call. The English messages are the AppErrors' own, often more specific (they
 * name a field or an id); `details` carries the specifics in both languages. Typed by ErrorCode, so
 * a new code without its Arabic message fails the type check.
 */
export const ERROR_MESSAGES_AR = {
  VALIDATION_FAILED: "بعض بيانات الطلب غير صحيحة؛ راجع الحقول المذكورة في التفاصيل.",
  INVALID_JSON: "نص الطلب ليس JSON صالحًا.",
  MISSING_TRIGGER: "هذا الطلب ليس إشعارًا من Cal.com.",
  UNAUTHENTICATED: "يلزم تسجيل الدخول: رمز الدخول مفقود أو غير صالح أو منتهي الصلاحية.",
  INVALID_SIGNATURE: "توقيع الطلب غير صحيح.",
  FORBIDDEN: "ليست لديك صلاحية لهذا الإجراء.",
  NOT_FOUND: "لم يتم العثور على ما طلبته.",
  METHOD_NOT_ALLOWED: "هذه الطريقة غير مسموح بها هنا.",
  CONFLICT: "يتعارض هذا الطلب مع الحالة الحالية؛ حدّث الصفحة وحاول مرة أخرى.",
  BOOKING_EXISTS: "لهذا الطلب موعد تجربة أداء محجوز بالفعل.",
  INVALID_TRANSITION: "لا يمكن إجراء هذا التغيير على الموعد في حالته الحالية.",
  SLOT_OVERLAP: "يتداخل هذا الوقت مع وقت متاح آخر لديك.",
  BODY_TOO_LARGE: "حجم الطلب أكبر من المسموح.",
  UNSUPPORTED_MEDIA_TYPE: "نوع المحتوى غير مدعوم.",
  UNPROCESSABLE: "تعذّر تنفيذ الطلب كما هو.",
  SCHEDULED_IN_PAST: "لا يمكن تحديد موعد في وقت مضى.",
  INTERNAL: "حدث خطأ من جهتنا؛ حاول مرة أخرى بعد قليل.",
  UPSTREAM_FAILED: "لم تُجب خدمة خارجية كما يجب؛ حاول مرة أخرى بعد قليل.",
  NOT_READY: "الخدمة غير جاهزة الآن؛ حاول مرة أخرى بعد قليل.",
  CALCOM_AUTH_FAILED: "رفض Cal.com مفتاح الوصول.",
  CALCOM_NOT_FOUND: "لم يجد Cal.com ما طُلب منه.",
  CALCOM_REJECTED: "رفض Cal.com الطلب.",
  CALCOM_BAD_RESPONSE: "أجاب Cal.com بما لا يمكن قراءته.",
  CALCOM_UNAVAILABLE: "لا يمكن الوصول إلى Cal.com الآن؛ حاول مرة أخرى بعد قليل.",
  CALCOM_OAUTH_OFF: "ربط حساب Cal.com غير مفعّل على هذا الخادم.",
  CALCOM_NOT_CONNECTED: "لم يتم ربط حساب Cal.com بعد؛ اربطه ثم حاول مرة أخرى.",
} as const satisfies Record<ErrorCode, string>;
